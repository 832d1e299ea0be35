package dev.drydock.cli;

import dev.drydock.diff.report.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code drydock check}: Flyway's history table against the migration files. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Compares the live database's Flyway history with the migration files: pending, applied but"
          + " missing, checksum or description changed, failed.",
      "Exit codes: 0 in step, 1 differences found, 2 usage or connection error, 3 migrations"
          + " unreadable."
    })
final class CheckCommand implements Callable<Integer> {

  @ParentCommand Drydock root;
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin SharedOptions shared;

  enum Format {
    text,
    json
  }

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  /** One finding about one migration. */
  record Finding(String problem, String migration, String detail) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ConnectionOptions.Resolved live = connection.resolve(root.environment, root.secrets);
    MigrationFiles migrations = shared.migrationFiles();
    try (Connection ignored = LiveDatabase.connect(live, root.secrets)) {
      // connection problems are reported by LiveDatabase in one line
    } catch (SQLException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
    List<MigrationInfo> all = migrations.info(MigrateCommand.dataSource(live));
    List<Finding> findings = findings(all);
    // Flyway's schema-creation marker (a non-public schema) is a history row, not a migration
    long applied = all.stream().filter(m -> m.isApplied() && !m.getType().isSynthetic()).count();
    out.print(
        root.secrets.redact(
            format == Format.json
                ? json(live.displayUrl(), migrations.locations(), applied, findings)
                : text(live.displayUrl(), migrations.describe(), applied, findings)));
    out.flush();
    return findings.isEmpty() ? ExitCodes.NO_DRIFT : ExitCodes.DRIFT;
  }

  static String text(String database, String locations, long applied, List<Finding> findings) {
    StringBuilder sb =
        new StringBuilder("Flyway history of ")
            .append(database)
            .append(" against ")
            .append(locations)
            .append(": ")
            .append(applied)
            .append(" applied, ")
            .append(findings.isEmpty() ? "in step." : findings.size() + " problem(s):")
            .append('\n');
    for (Finding f : findings) {
      sb.append("  ")
          .append(f.problem())
          .append(": ")
          .append(f.migration())
          .append(f.detail() == null ? "" : " (" + f.detail() + ")")
          .append('\n');
    }
    return sb.toString();
  }

  /**
   * Stable JSON: {@code {"version": 1, "inStep": bool, "database": url, "migrations": [dir],
   * "applied": n, "problems": [{"problem", "migration", "detail"}]}}; detail may be null.
   */
  static String json(String database, List<Path> locations, long applied, List<Finding> findings) {
    StringBuilder sb =
        new StringBuilder("{\n")
            .append("  \"version\": 1,\n")
            .append("  \"inStep\": ")
            .append(findings.isEmpty())
            .append(",\n  \"database\": ")
            .append(Json.string(database))
            .append(",\n  \"migrations\": [")
            .append(
                locations.stream()
                    .map(p -> Json.string(p.toString()))
                    .collect(Collectors.joining(", ")))
            .append(']')
            .append(",\n  \"applied\": ")
            .append(applied)
            .append(",\n  \"problems\": [");
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      sb.append(i == 0 ? "\n" : ",\n")
          .append("    {\"problem\": ")
          .append(Json.string(f.problem()))
          .append(", \"migration\": ")
          .append(Json.string(f.migration()))
          .append(", \"detail\": ")
          .append(Json.string(f.detail()))
          .append('}');
    }
    return sb.append(findings.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  static List<Finding> findings(List<MigrationInfo> all) {
    List<Finding> out = new ArrayList<>();
    // a changed repeatable migration is two entries, the applied one OUTDATED and the file PENDING
    Set<String> outdated =
        all.stream()
            .filter(m -> m.getState() == MigrationState.OUTDATED)
            .map(MigrationInfo::getDescription)
            .collect(Collectors.toSet());
    for (MigrationInfo m : all) {
      String name = name(m);
      MigrationState state = m.getState();
      if (state == MigrationState.PENDING
          && m.getVersion() == null
          && outdated.contains(m.getDescription())) {
        continue;
      }
      if (state.isFailed()) {
        out.add(new Finding("failed", name, "fix the database and repair the history"));
      } else if (state == MigrationState.PENDING || state == MigrationState.OUTDATED) {
        out.add(
            new Finding(
                "pending", name, state == MigrationState.OUTDATED ? "repeatable changed" : null));
      } else if (state == MigrationState.MISSING_SUCCESS
          || state == MigrationState.FUTURE_SUCCESS) {
        out.add(new Finding("applied but missing", name, "no such file"));
      } else if (state == MigrationState.IGNORED) {
        out.add(new Finding("ignored (out of order)", name, null));
      } else if (m.isApplied() && m.getResolvedChecksum() != null && !m.isChecksumMatching()) {
        out.add(
            new Finding(
                "checksum changed",
                name,
                "applied " + m.getAppliedChecksum() + ", file " + m.getResolvedChecksum()));
      } else if (descriptionChanged(m)) {
        MigrationInfoImpl impl = (MigrationInfoImpl) m;
        out.add(
            new Finding(
                "description changed",
                name,
                "applied '"
                    + impl.getAppliedMigration().getDescription()
                    + "', file '"
                    + impl.getResolvedMigration().getDescription()
                    + "'"));
      }
    }
    return out;
  }

  /** Flyway's own isDescriptionMatching() never compares (its resolved description is null). */
  private static boolean descriptionChanged(MigrationInfo m) {
    return m instanceof MigrationInfoImpl impl
        && impl.getAppliedMigration() != null
        && impl.getResolvedMigration() != null
        && !impl.getAppliedMigration()
            .getDescription()
            .equals(impl.getResolvedMigration().getDescription());
  }

  private static String name(MigrationInfo m) {
    if (m instanceof MigrationInfoImpl impl && impl.getResolvedMigration() != null) {
      return impl.getResolvedMigration().getScript();
    }
    if (m.getScript() != null && m.getScript().endsWith(".sql")) {
      return m.getScript();
    }
    return (m.getVersion() == null ? "R" : "V" + m.getVersion()) + " " + m.getDescription();
  }
}
