package dev.drydock.cli;

import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code drydock cache}: the migration snapshots in Drydock's cache ({@code list}, {@code clear}).
 */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    description = {
      "Shows or deletes the migration snapshots in Drydock's cache: saved throwaway clusters that"
          + " diff, generate, pull and the Maven goal start from instead of applying every"
          + " migration again.",
    },
    subcommands = {CacheListCommand.class, CacheClearCommand.class})
final class CacheCommand {

  @ParentCommand Drydock root;

  /**
   * Bytes as people read them in the list: {@code 41.3 MB}, {@code 1024 MB} (1 MB = 1,048,576
   * bytes).
   */
  static String megabytes(long bytes) {
    return bytes % (1L << 20) == 0
        ? (bytes >> 20) + " MB"
        : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
  }

  /** {@code no snapshots}, {@code 1 snapshot}, {@code 3 snapshots}. */
  static String count(int snapshots) {
    return snapshots == 0
        ? "no snapshots"
        : snapshots + (snapshots == 1 ? " snapshot" : " snapshots");
  }
}
