package dev.drydock.cli;

import dev.drydock.engine.Target;
import dev.drydock.engine.TargetDialect;
import dev.drydock.migrate.FlywaySettings;
import dev.drydock.migrate.Migrations;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every database command takes besides the connection: where the migrations are. */
final class SharedOptions {
  @Option(
      names = "--migrations",
      paramLabel = "DIR",
      defaultValue = "migrations",
      description =
          "Directory of Flyway SQL migrations and SQL callbacks (default: ${DEFAULT-VALUE});"
              + " repeatable for several locations.")
  List<Path> migrations = new ArrayList<>();

  @Option(
      names = "--placeholder",
      paramLabel = "KEY=VALUE",
      description = "Flyway placeholder, replacing $${KEY} in the migrations; repeatable.")
  Map<String, String> placeholders = new LinkedHashMap<>();

  @Option(
      names = "--flyway-schema",
      paramLabel = "NAME",
      split = ",",
      description =
          "Schema(s) Flyway manages and creates; the first holds the history table."
              + " Default: the connection's default schema (public).")
  List<String> flywaySchemas = new ArrayList<>();

  @Option(
      names = "--history-table",
      paramLabel = "NAME",
      description =
          "Flyway history table, never compared (default: the Flyway settings' table, else "
              + Migrations.DEFAULT_HISTORY_TABLE
              + ").")
  String historyTable;

  @Option(
      names = "--flyway",
      paramLabel = "KEY=VALUE",
      description =
          "A Flyway setting in Flyway's own key names, e.g. postgresql.transactional.lock=false,"
              + " sqlMigrationPrefix=M, outOfOrder=true; repeatable. Overrides FLYWAY_*"
              + " environment variables, which override the Flyway config file.")
  Map<String, String> flywaySettings = new LinkedHashMap<>();

  @Option(
      names = "--flyway-config",
      paramLabel = "FILE",
      description =
          "Flyway config file (flyway.toml's [flyway] table, or flyway.conf)."
              + " Default: flyway.toml or flyway.conf in the working directory, if there.")
  Path flywayConfig;

  @Option(
      names = "--throwaway-lock-timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "diff, generate: a statement waiting longer than this for a lock on the throwaway"
              + " database fails, naming the migration (default: ${DEFAULT-VALUE}).")
  int throwawayLockTimeout;

  @Option(
      names = "--target",
      paramLabel = "ENGINE",
      defaultValue = "postgresql",
      description =
          "The engine the migrations are written for: postgresql, dsql (Aurora DSQL) or"
              + " cockroachdb (default: ${DEFAULT-VALUE}). Its own DDL forms (e.g. CREATE INDEX"
              + " ASYNC) are applied in their PostgreSQL equivalent on the throwaway, told with"
              + " --verbose; check --target checks the migrations against its limits.")
  String target;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--progress", description = "Show progress even when stderr is not a terminal.")
  boolean progress;

  @Option(names = "--quiet", description = "Never show progress.")
  boolean quiet;

  /**
   * The migrations these options describe, with the project's Flyway settings from the config file,
   * {@code environment}'s {@code FLYWAY_*} variables and {@code --flyway}; a missing directory or
   * an unknown setting is a usage error.
   */
  Migrations migrations(Map<String, String> environment) {
    return migrations(environment, true);
  }

  /**
   * The migrations with the project's Flyway settings.
   *
   * @param requireDirectories whether a missing migrations directory is an error ({@code pull}
   *     takes it as "no migrations yet")
   */
  Migrations migrations(Map<String, String> environment, boolean requireDirectories) {
    for (Path location : migrations) {
      if (requireDirectories && !Files.isDirectory(location)) {
        throw new CliException(
            ExitCodes.USAGE_OR_CONNECTION,
            "Migrations directory not found: " + location.toAbsolutePath().normalize());
      }
    }
    try {
      FlywaySettings.Builder settings = FlywaySettings.configure();
      if (flywayConfig != null) {
        settings.file(flywayConfig);
      } else {
        settings.defaultFileIn(Path.of("").toAbsolutePath());
      }
      return Migrations.configure()
          .locations(migrations)
          .placeholders(placeholders)
          .schemas(flywaySchemas)
          .table(historyTable)
          .settings(settings.environment(environment).settings(flywaySettings).build())
          .throwawayLockTimeout(Duration.ofSeconds(throwawayLockTimeout))
          .target(targetDialect())
          .build();
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, e.getMessage(), e);
    }
  }

  /** The {@code --target} engine. */
  Target target() {
    try {
      return Target.parse(target == null ? "postgresql" : target);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, "--target: " + e.getMessage(), e);
    }
  }

  /** The target's rewrites, each told on stderr with {@code --verbose}. */
  private TargetDialect targetDialect() {
    TargetDialect.Builder dialect = TargetDialect.configure().target(target());
    CommandSpec root = mixee == null ? null : mixee.root();
    if (root != null && root.userObject() instanceof Drydock drydock && drydock.verbose) {
      PrintWriter err = mixee.commandLine().getErr();
      dialect.log(
          line -> {
            err.println("drydock: " + line);
            err.flush();
          });
    }
    return dialect.build();
  }

  /** The locations for messages: {@code migrations} or {@code core, extra}. */
  String describeLocations() {
    return migrations.stream().map(Path::toString).collect(Collectors.joining(", "));
  }

  /** Progress on {@code err}: on a terminal or with --progress, never with --quiet. */
  Progress progress(PrintWriter err) {
    return new Progress(err, !quiet && (progress || Progress.isTerminal()));
  }
}
