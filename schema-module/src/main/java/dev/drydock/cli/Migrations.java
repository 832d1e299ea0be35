package dev.drydock.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * The one place the CLI talks to Flyway (to be swapped for {@code dev.drydock.migrate} when it
 * lands). Failures become a {@link CliException} with exit code 3 naming file, line and
 * PostgreSQL's message.
 */
final class Migrations {

  private final Path directory;
  private final String historyTable;

  Migrations(Path directory, String historyTable) {
    this.directory = directory;
    this.historyTable = historyTable;
  }

  /** Fails with exit code 2 when the directory does not exist. */
  Migrations requireDirectory() {
    if (!Files.isDirectory(directory)) {
      throw new CliException(
          ExitCodes.USAGE_OR_CONNECTION,
          "Migrations directory not found: " + directory.toAbsolutePath().normalize());
    }
    return this;
  }

  Path directory() {
    return directory;
  }

  private Flyway flyway(DataSource dataSource, Progress progress) {
    var config =
        Flyway.configure(Migrations.class.getClassLoader())
            .loggers("jul")
            .dataSource(dataSource)
            .locations("filesystem:" + directory.toAbsolutePath())
            .table(historyTable)
            .cleanDisabled(true)
            .validateMigrationNaming(true);
    if (progress != null) {
      config = config.callbacks(new ProgressCallback(progress));
    }
    return config.load();
  }

  MigrateResult migrate(DataSource dataSource, Progress progress) {
    try {
      return flyway(dataSource, progress).migrate();
    } catch (FlywayException e) {
      throw failure(e);
    }
  }

  List<MigrationInfo> info(DataSource dataSource) {
    try {
      return List.of(flyway(dataSource, null).info().all());
    } catch (FlywayException e) {
      throw failure(e);
    }
  }

  /** One line: {@code Migration V3__x.sql failed at line 4: ERROR: ...}. */
  CliException failure(FlywayException e) {
    String script = null;
    int line = -1;
    String message = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FlywayMigrateException m && m.getMigration() != null) {
        script = m.getMigration().getScript();
      }
      if (t instanceof FlywaySqlScriptException s) {
        line = s.getLineNumber();
        if (script == null && s.getResource() != null) {
          script = s.getResource().getFilename();
        }
      }
      if (t instanceof SQLException sql && message == null) {
        message = LiveDatabase.firstLine(sql.getMessage());
      }
    }
    if (message == null) {
      message = LiveDatabase.firstLine(e.getMessage());
    }
    if (script == null) {
      return new CliException(ExitCodes.MIGRATIONS_FAILED, "Migrations failed: " + message, e);
    }
    return new CliException(
        ExitCodes.MIGRATIONS_FAILED,
        "Migration "
            + directory.resolve(script)
            + " failed"
            + (line > 0 ? " at line " + line : "")
            + ": "
            + message,
        e);
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
