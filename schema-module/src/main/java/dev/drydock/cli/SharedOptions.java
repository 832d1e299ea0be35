package dev.drydock.cli;

import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.Migrations;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

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
      defaultValue = Introspector.DEFAULT_HISTORY_TABLE,
      description = "Flyway history table, never compared (default: ${DEFAULT-VALUE}).")
  String historyTable;

  @Option(names = "--progress", description = "Show progress even when stderr is not a terminal.")
  boolean progress;

  @Option(names = "--quiet", description = "Never show progress.")
  boolean quiet;

  /** The migrations these options describe; a missing directory is a usage error. */
  Migrations migrations() {
    for (Path location : migrations) {
      if (!Files.isDirectory(location)) {
        throw new CliException(
            ExitCodes.USAGE_OR_CONNECTION,
            "Migrations directory not found: " + location.toAbsolutePath().normalize());
      }
    }
    return Migrations.configure()
        .locations(migrations)
        .placeholders(placeholders)
        .schemas(flywaySchemas)
        .table(historyTable)
        .build();
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
