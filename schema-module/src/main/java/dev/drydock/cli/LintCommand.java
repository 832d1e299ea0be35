package dev.drydock.cli;

import dev.drydock.codegen.ToolVersions;
import dev.drydock.lint.Lint;
import dev.drydock.lint.LintReport;
import dev.drydock.lint.NewMigrations;
import dev.drydock.lint.report.GithubAnnotations;
import dev.drydock.lint.report.JsonReport;
import dev.drydock.lint.report.SarifReport;
import dev.drydock.lint.report.TextReport;
import dev.drydock.lint.rules.Severity;
import dev.drydock.migrate.Migrations;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code drydock lint}: what each new migration will do to production. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Applies the new migrations to a throwaway PostgreSQL started from the snapshot of the"
          + " unchanged ones, observes what each statement does (locks, rewrites, scans, changes)"
          + " and reports what it will do to production; with --url, with each table's live size.",
      "New: pending on --url, or after --since VERSION, or changed since --changed-since REF.",
      "Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or connection error,"
          + " 3 a migration fails."
    })
final class LintCommand implements Callable<Integer> {

  /** The project's allowance file, read when present in the working directory. */
  static final String DEFAULT_ALLOW_FILE = "drydock-lint-allow.txt";

  enum Format {
    text,
    json,
    sarif
  }

  enum FailOn {
    error,
    warning,
    never
  }

  @ParentCommand Drydock root;
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin SharedOptions shared;
  @Mixin ThrowawayOptions throwaway;

  @ArgGroup(exclusive = true)
  Selection selection;

  static final class Selection {
    @Option(
        names = "--since",
        paramLabel = "VERSION",
        description = "Lint the versioned migrations after VERSION (no live database needed).")
    String since;

    @Option(
        names = "--changed-since",
        paramLabel = "REF",
        description = "Lint the migration files git says changed since REF, e.g. origin/main.")
    String changedSince;
  }

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--fail-on",
      defaultValue = "error",
      description =
          "Exit 1 when a finding not allowed is at this severity or above: ${COMPLETION-CANDIDATES}"
              + " (default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Option(
      names = "--allow-file",
      paramLabel = "FILE",
      description =
          "Allowed findings, one per line: RULE SCRIPT[:LINE] REASON (default: "
              + DEFAULT_ALLOW_FILE
              + " in the working directory, if there).")
  Path allowFile;

  @Override
  public Integer call() throws SQLException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = shared.progress(err);
    Migrations migrations = shared.migrations(root.environment);
    DataSource live = null;
    if (connection.url != null || (selection == null && hasLiveEnvironment())) {
      ConnectionOptions.Resolved resolved = connection.resolve(root.environment, root.secrets);
      LiveDatabase.connect(resolved, root.secrets).close();
      live = LiveDatabase.dataSource(resolved);
    }
    NewMigrations newMigrations;
    if (selection != null && selection.since != null) {
      try {
        newMigrations = NewMigrations.since(selection.since);
      } catch (RuntimeException e) {
        throw new CliException(
            ExitCodes.USAGE_OR_CONNECTION,
            "Invalid --since version '" + selection.since + "': expected e.g. 41 or 1.2.3",
            e);
      }
    } else if (selection != null && selection.changedSince != null) {
      try {
        newMigrations =
            NewMigrations.changedSince(selection.changedSince, migrations.locations().get(0));
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
      }
    } else if (live != null) {
      newMigrations = NewMigrations.pendingOn(live);
    } else {
      throw new CliException(
          ExitCodes.USAGE_OR_CONNECTION,
          "Say which migrations are new: --url (those pending there), --since VERSION or"
              + " --changed-since REF");
    }
    Path allow = allowFile;
    if (allow == null && Files.isRegularFile(Path.of(DEFAULT_ALLOW_FILE))) {
      allow = Path.of(DEFAULT_ALLOW_FILE);
    } else if (allow != null && !Files.isRegularFile(allow)) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, "Allowance file not found: " + allow);
    }
    progress.start("Linting the new migrations in " + shared.describeLocations());
    LintReport report =
        Lint.configure()
            .provider(throwaway.settings(root))
            .snapshots(throwaway.snapshots(root))
            .migrations(migrations)
            .newMigrations(newMigrations)
            .live(live)
            .allowFile(allow)
            .log(progress::update)
            .build()
            .run();
    progress.done();
    Path base = Path.of("").toAbsolutePath();
    String rendered =
        switch (format) {
          case text -> TextReport.render(report, base);
          case json -> JsonReport.render(report);
          case sarif -> SarifReport.render(report, base, ToolVersions.drydock());
        };
    out.print(root.secrets.redact(rendered));
    out.flush();
    if ("true".equals(root.environment.get("GITHUB_ACTIONS"))) {
      PrintWriter annotations = format == Format.text ? out : err;
      annotations.print(root.secrets.redact(GithubAnnotations.render(report, base)));
      annotations.flush();
    }
    if (failOn == FailOn.never) {
      return ExitCodes.OK;
    }
    Severity threshold = failOn == FailOn.warning ? Severity.WARNING : Severity.ERROR;
    return report.failing(threshold).isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  private boolean hasLiveEnvironment() {
    return root.environment.containsKey("DATABASE_URL")
        || root.environment.containsKey("PGHOST")
        || root.environment.containsKey("PGDATABASE");
  }
}
