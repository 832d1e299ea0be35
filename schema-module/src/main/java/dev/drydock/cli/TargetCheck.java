package dev.drydock.cli;

import dev.drydock.compat.CompatibilityCheck;
import dev.drydock.compat.Finding;
import dev.drydock.compat.Severity;
import dev.drydock.diff.report.Json;
import dev.drydock.engine.Target;
import dev.drydock.migrate.Migrations;
import dev.drydock.snapshot.MigratedDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code drydock check --target ENGINE}: the migrations against the engine's limits, from their
 * statements and from the catalog of a throwaway they were applied to (with the engine's DDL forms
 * rewritten). Until {@code drydock lint} exists, the findings are {@code check}'s.
 */
final class TargetCheck {

  private TargetCheck() {}

  /** Runs the check; the exit code: 1 when the engine refuses something, else 0. */
  static int run(
      Drydock root,
      SharedOptions shared,
      ThrowawayOptions throwaway,
      Target target,
      CheckCommand.Format format,
      java.io.PrintWriter out,
      java.io.PrintWriter err) {
    Migrations migrations = shared.migrations(root.environment);
    migrations.requireMigrations();
    Progress progress = shared.progress(err);
    List<Finding> findings = new ArrayList<>(CompatibilityCheck.statements(target, migrations));
    progress.start("Applying the migrations to a throwaway PostgreSQL for the catalog checks");
    try (MigratedDatabase migrated =
        MigratedDatabase.configure()
            .provider(throwaway.settings(root))
            .migrations(migrations)
            .snapshots(throwaway.snapshots(root))
            .beforeEach(script -> progress.update("applying " + script))
            .log(progress::update)
            .start()) {
      findings.addAll(CompatibilityCheck.catalog(target, migrated.database().dataSource()));
      progress.done();
    } catch (SQLException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
    out.print(
        format == CheckCommand.Format.json
            ? json(target, findings)
            : text(target, shared.describeLocations(), findings));
    out.flush();
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)
        ? ExitCodes.DRIFT
        : ExitCodes.NO_DRIFT;
  }

  static String text(Target target, String locations, List<Finding> findings) {
    long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    StringBuilder sb =
        new StringBuilder("Migrations in ")
            .append(locations)
            .append(" against ")
            .append(target.rules().name())
            .append(": ")
            .append(
                findings.isEmpty()
                    ? "nothing the engine refuses or treats differently."
                    : errors + " error(s), " + (findings.size() - errors) + " warning(s):")
            .append('\n');
    for (Finding f : findings) {
      sb.append("  ").append(f.describe()).append('\n');
    }
    return sb.toString();
  }

  /**
   * Stable JSON: {@code {"version": 1, "target": id, "findings": [{"rule", "severity", "file",
   * "line", "construct", "subject", "limit", "link", "alternative"}]}}; file is null for the
   * catalog's findings.
   */
  static String json(Target target, List<Finding> findings) {
    StringBuilder sb =
        new StringBuilder("{\n  \"version\": 1,\n  \"target\": ")
            .append(Json.string(target.id()))
            .append(",\n  \"findings\": [");
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      sb.append(i == 0 ? "\n" : ",\n")
          .append("    {\"rule\": ")
          .append(Json.string(f.rule()))
          .append(", \"severity\": ")
          .append(Json.string(f.severity().label()))
          .append(", \"file\": ")
          .append(Json.string(f.file()))
          .append(", \"line\": ")
          .append(f.line())
          .append(", \"construct\": ")
          .append(Json.string(f.construct()))
          .append(", \"subject\": ")
          .append(Json.string(f.subject()))
          .append(", \"limit\": ")
          .append(Json.string(f.limit()))
          .append(", \"link\": ")
          .append(Json.string(f.link()))
          .append(", \"alternative\": ")
          .append(Json.string(f.alternative()))
          .append('}');
    }
    return sb.append(findings.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }
}
