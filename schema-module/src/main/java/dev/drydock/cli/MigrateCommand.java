package dev.drydock.cli;

import dev.drydock.migrate.MigrationSummary;
import dev.drydock.migrate.Migrations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code drydock migrate}: applies pending migrations to the live database. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Applies pending migrations to the live database (Flyway) and prints a summary.",
      "Exit codes: 0 success, 2 usage or connection error, 3 a migration failed."
    })
final class MigrateCommand implements Callable<Integer> {

  @ParentCommand Drydock root;
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin SharedOptions shared;

  @Option(
      names = "--baseline-version",
      paramLabel = "N",
      description =
          "Adopt a database that has objects but no Flyway history: record version N as applied"
              + " (Flyway baseline) and apply only the migrations after it.")
  String baselineVersion;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = shared.progress(err);
    ConnectionOptions.Resolved live = connection.resolve(root.environment, root.secrets);
    if (baselineVersion != null) {
      shared.flywaySettings.put("baselineOnMigrate", "true");
      shared.flywaySettings.put("baselineVersion", baselineVersion);
    }
    Migrations migrations = shared.migrations(root.environment);
    try (Connection ignored = LiveDatabase.connect(live, root.secrets)) {
      // connection problems are reported by LiveDatabase in one line
    } catch (SQLException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
    DataSource dataSource = LiveDatabase.dataSource(live);
    List<Path> blocked = migrations.concurrentlyUnderTransactionalLock(dataSource);
    if (!blocked.isEmpty()) {
      // Flyway's transactional lock holds a transaction open that CONCURRENTLY waits for: forever
      throw new CliException(
          ExitCodes.USAGE_OR_CONNECTION,
          blocked.get(0)
              + " uses CONCURRENTLY, which would wait forever behind Flyway's transactional lock;"
              + " nothing was applied. Run with --flyway postgresql.transactional.lock=false (or"
              + " set it in flyway.toml)");
    }
    progress.start("Migrating " + live.displayUrl());
    long started = System.nanoTime();
    MigrationSummary result;
    try (CancelOnInterrupt guard = new CancelOnInterrupt(dataSource, migrations, err)) {
      result =
          migrations.migrate(
              guard.dataSource(),
              script -> {
                guard.running(script);
                progress.update("applying " + script);
              });
    }
    progress.done();
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (result.applied() == 0) {
      out.println(
          "Nothing to migrate: "
              + live.displayUrl()
              + " is up to date"
              + (result.fromVersion() == null ? "." : " at version " + result.fromVersion() + "."));
    } else {
      out.println(
          "Applied "
              + result.applied()
              + (result.applied() == 1 ? " migration" : " migrations")
              + " to "
              + live.displayUrl()
              + " in "
              + ms
              + " ms; schema version "
              + (result.fromVersion() == null ? "<none>" : result.fromVersion())
              + " -> "
              + result.toVersion()
              + ":");
      for (MigrationSummary.Applied m : result.migrations()) {
        out.println(
            "  "
                + (m.version() == null ? "R" : "V" + m.version())
                + "  "
                + m.description()
                + " ("
                + m.millis()
                + " ms)");
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
