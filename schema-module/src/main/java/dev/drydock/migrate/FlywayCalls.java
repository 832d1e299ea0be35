package dev.drydock.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@link Migrations}' calls into Flyway, apart from it: loading {@code Migrations} (which every
 * build does) then loads no Flyway class, so the up-to-date build stays free of Flyway.
 */
final class FlywayCalls {

  private FlywayCalls() {}

  static ResolvedMigrations resolve(Migrations m) {
    try {
      return ResolvedMigrations.of(m.flyway(null));
    } catch (FlywayException e) {
      throw new MigrationException(
          "Cannot list the migrations in " + m.locations() + ": " + e.getMessage(),
          null,
          0,
          null,
          e);
    }
  }

  static MigrationSummary migrate(
      Migrations m, FluentConfiguration flyway, Consumer<String> beforeEach) {
    try {
      MigrateResult result =
          flyway.callbacks(new EachMigrationCallback(beforeEach)).load().migrate();
      return new MigrationSummary(
          result.migrationsExecuted,
          result.initialSchemaVersion,
          result.targetSchemaVersion,
          result.migrations.stream()
              .map(
                  a ->
                      new MigrationSummary.Applied(
                          a.version == null || a.version.isEmpty() ? null : a.version,
                          a.description,
                          a.executionTime))
              .toList());
    } catch (FlywayException e) {
      throw m.translate(e);
    }
  }

  static List<MigrationInfo> info(Migrations m, DataSource dataSource) {
    try {
      return List.of(m.flyway(dataSource).load().info().all());
    } catch (FlywayException e) {
      throw m.translate(e);
    }
  }

  static int recordPendingAsApplied(
      Migrations m, DataSource dataSource, String baselineDescription) {
    try {
      return m.flyway(dataSource)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .baselineDescription(baselineDescription)
          .skipExecutingMigrations(true)
          .load()
          .migrate()
          .migrationsExecuted;
    } catch (FlywayException e) {
      throw m.translate(e);
    }
  }

  static List<Path> concurrentlyUnderTransactionalLock(Migrations m, DataSource dataSource) {
    List<Path> blocked = new ArrayList<>();
    try {
      for (MigrationInfo pending : m.flyway(dataSource).load().info().pending()) {
        Path file = m.locate(pending.getScript());
        if (Files.isRegularFile(file) && ScriptText.usesConcurrently(Files.readString(file))) {
          blocked.add(file);
        }
      }
    } catch (FlywayException e) {
      throw m.translate(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return blocked;
  }
}
