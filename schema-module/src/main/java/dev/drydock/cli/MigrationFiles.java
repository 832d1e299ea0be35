package dev.drydock.cli;

import dev.drydock.migrate.MigrationException;
import dev.drydock.migrate.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The CLI's view of the migration locations, on top of {@link Migrations}: a missing directory is a
 * usage error (exit 2); a migration that fails is exit 3 with file, line and PostgreSQL's message.
 */
final class MigrationFiles {

  private final List<Path> locations;
  private final Migrations migrations;

  MigrationFiles(List<Path> locations, Migrations.Builder configuration) {
    for (Path location : locations) {
      if (!Files.isDirectory(location)) {
        throw new CliException(
            ExitCodes.USAGE_OR_CONNECTION,
            "Migrations directory not found: " + location.toAbsolutePath().normalize());
      }
    }
    this.locations = List.copyOf(locations);
    this.migrations = configuration.build();
  }

  /** The locations for messages: {@code migrations} or {@code core, extra}. */
  String describe() {
    return locations.stream().map(Path::toString).collect(Collectors.joining(", "));
  }

  List<Path> locations() {
    return locations;
  }

  Migrations migrations() {
    return migrations;
  }

  MigrateResult migrate(DataSource dataSource, Progress progress) {
    try {
      migrations.requireMigrations();
      return migrations
          .flyway(dataSource)
          .callbacks(new ProgressCallback(progress))
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw failure(Migrations.translate(e));
    } catch (MigrationException e) {
      throw failure(e);
    }
  }

  List<MigrationInfo> info(DataSource dataSource) {
    try {
      return List.of(migrations.flyway(dataSource).load().info().all());
    } catch (FlywayException e) {
      throw failure(Migrations.translate(e));
    }
  }

  /** {@code Migration failed: migrations/V2__x.sql:4: ERROR: ... (SQLState 42601)}. */
  private CliException failure(MigrationException e) {
    String message = e.getMessage();
    if (e.file().isPresent() && message.startsWith(e.file().get() + ":")) {
      message = locate(e.file().get()) + message.substring(e.file().get().length());
    }
    return new CliException(ExitCodes.MIGRATIONS_FAILED, "Migration failed: " + message, e);
  }

  /** The file's path under the location that has it. */
  private Path locate(String file) {
    return locations.stream()
        .map(location -> location.resolve(file))
        .filter(Files::exists)
        .findFirst()
        .orElse(locations.get(0).resolve(file));
  }

  /** Reports each migration as it starts, for the progress display. */
  private static final class ProgressCallback implements Callback {
    private final Progress progress;

    ProgressCallback(Progress progress) {
      this.progress = progress;
    }

    @Override
    public boolean supports(Event event, Context context) {
      return event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
      return true;
    }

    @Override
    public void handle(Event event, Context context) {
      MigrationInfo info = context.getMigrationInfo();
      if (info != null) {
        progress.update("applying " + info.getScript());
      }
    }

    @Override
    public String getCallbackName() {
      return "drydock-progress";
    }
  }
}
