package dev.drydock.cli;

import dev.drydock.snapshot.SnapshotSettings;
import picocli.CommandLine.Option;

/** {@code --snapshot-cache-limit}: how much disk the migration snapshots may use together. */
final class SnapshotLimitOption {

  static final String ENVIRONMENT = "DRYDOCK_SNAPSHOT_CACHE_LIMIT";

  @Option(
      names = "--snapshot-cache-limit",
      paramLabel = "SIZE",
      description =
          "Disk space all migration snapshots may use together, e.g. 512M or 2G; the least"
              + " recently used are deleted beyond it (default: $"
              + ENVIRONMENT
              + ", else 1G).")
  String limit;

  /** The limit in bytes; a malformed size is a usage error naming it. */
  long bytes(Drydock root) {
    String text = limit != null ? limit : root.environment.get(ENVIRONMENT);
    if (text == null || text.isBlank()) {
      return SnapshotSettings.DEFAULT_MAX_BYTES;
    }
    try {
      return SnapshotSettings.parseSize(text);
    } catch (IllegalArgumentException e) {
      String source = limit != null ? "--snapshot-cache-limit" : "$" + ENVIRONMENT;
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, source + ": " + e.getMessage(), e);
    }
  }
}
