package dev.drydock.provider;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a new embedded server's data directory can come from instead of the initdb'd {@link
 * ClusterTemplate}: a stopped, consistent cluster that was saved earlier (a migration snapshot).
 * Given to {@link EmbeddedClusters#start}.
 */
@FunctionalInterface
public interface ClusterSource {

  /**
   * Copies a saved cluster into {@code data} (which does not exist yet), or does nothing and
   * returns false when there is none to copy: the server then starts on a copy of the empty
   * template and the provider's init SQL runs as usual.
   */
  boolean copyInto(Path data) throws IOException;
}
