package dev.drydock.cli;

import dev.drydock.diff.report.Json;
import dev.drydock.engine.Target;
import dev.drydock.migrate.HistoryCheck;
import dev.drydock.migrate.HistoryCheck.Finding;
import dev.drydock.migrate.Migrations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
      "With --target dsql|cockroachdb: checks the migrations against that engine's limits instead"
          + " (their statements, and the catalog of a throwaway they were applied to; no live"
          + " database), each finding with file, line, the limit, its link and the alternative.",
      "Exit codes: 0 in step, 1 differences found, 2 usage or connection error, 3 migrations"
          + " unreadable."
    })
final class CheckCommand implements Callable<Integer> {

  @ParentCommand Drydock root;
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin SharedOptions shared;
  @Mixin ThrowawayOptions throwaway;

  enum Format {
    text,
    json
  }

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Target target = shared.target();
    if (target != Target.POSTGRESQL) {
      return TargetCheck.run(
          root, shared, throwaway, target, format, out, spec.commandLine().getErr());
    }
    ConnectionOptions.Resolved live = connection.resolve(root.environment, root.secrets);
    Migrations migrations = shared.migrations(root.environment);
    try (Connection ignored = LiveDatabase.connect(live, root.secrets)) {
      // connection problems are reported by LiveDatabase in one line
    } catch (SQLException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
    HistoryCheck.Report report = migrations.check(LiveDatabase.dataSource(live));
    List<Finding> findings = report.findings();
    long applied = report.applied();
    out.print(
        root.secrets.redact(
            format == Format.json
                ? json(live.displayUrl(), migrations.locations(), applied, findings)
                : text(live.displayUrl(), shared.describeLocations(), applied, findings)));
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
}
