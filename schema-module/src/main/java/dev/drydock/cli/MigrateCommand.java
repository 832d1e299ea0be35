package dev.drydock.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = shared.progress(err);
    ConnectionOptions.Resolved live = connection.resolve(root.environment, root.secrets);
    MigrationFiles migrations = shared.migrationFiles();
    try (Connection ignored = LiveDatabase.connect(live, root.secrets)) {
      // connection problems are reported by LiveDatabase in one line
    } catch (SQLException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
    progress.start("Migrating " + live.displayUrl());
    long started = System.nanoTime();
    MigrateResult result = migrations.migrate(dataSource(live), progress);
    progress.done();
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (result.migrationsExecuted == 0) {
      out.println(
          "Nothing to migrate: "
              + live.displayUrl()
              + " is up to date"
              + (result.initialSchemaVersion == null
                  ? "."
                  : " at version " + result.initialSchemaVersion + "."));
    } else {
      out.println(
          "Applied "
              + result.migrationsExecuted
              + (result.migrationsExecuted == 1 ? " migration" : " migrations")
              + " to "
              + live.displayUrl()
              + " in "
              + ms
              + " ms; schema version "
              + (result.initialSchemaVersion == null ? "<none>" : result.initialSchemaVersion)
              + " -> "
              + result.targetSchemaVersion
              + ":");
      for (MigrateOutput m : result.migrations) {
        out.println(
            "  "
                + (m.version == null || m.version.isEmpty() ? "R" : "V" + m.version)
                + "  "
                + m.description
                + " ("
                + m.executionTime
                + " ms)");
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  static DataSource dataSource(ConnectionOptions.Resolved live) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(live.jdbcUrl());
    if (live.user() != null) {
      ds.setUser(live.user());
    }
    if (live.password() != null) {
      ds.setPassword(live.password());
    }
    return ds;
  }
}
