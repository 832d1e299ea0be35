package dev.drydock.provider;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a new embedded server's data directory is copied from at start: a stopped, consistent
 * cluster directory that the caller copies (never modifies). Today the initdb'd template of {@link
 * ClusterTemplate}; a cache of already-migrated clusters can supply its own.
 */
interface ClusterSource {

  /** A cluster directory for these binaries, created (once, under the cache lock) if needed. */
  Path cluster(PostgresBinaries binaries, RunAs runAs) throws IOException;
}
