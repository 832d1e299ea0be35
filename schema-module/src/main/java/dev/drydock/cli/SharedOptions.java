package dev.drydock.cli;

import dev.drydock.introspect.Introspector;
import dev.drydock.provider.ProviderKind;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every database command takes besides the connection. */
final class SharedOptions {
  @Option(
      names = "--migrations",
      paramLabel = "DIR",
      defaultValue = "migrations",
      description = "Directory of Flyway SQL migrations (default: ${DEFAULT-VALUE}).")
  Path migrations;

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

  static ProviderKind parseProvider(String value) {
    return ProviderKind.parse(value);
  }
}
