package dev.drydock.cli;

import dev.drydock.provider.ProviderSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --cache-dir}: where Drydock keeps binaries, the empty cluster and migration snapshots. */
final class CacheDirectoryOption {

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description =
          "Drydock's cache: PostgreSQL binaries, the empty cluster, migration snapshots"
              + " (default: $DRYDOCK_CACHE, else $XDG_CACHE_HOME/drydock, else ~/.cache/drydock).")
  Path cacheDirectory;

  /** The directory asked for, else the default one. */
  Path resolve() {
    return cacheDirectory != null ? cacheDirectory : ProviderSettings.defaultCacheDirectory();
  }
}
