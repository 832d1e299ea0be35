package dev.drydock.provider;

import java.nio.file.Path;

/**
 * A running embedded server whose cluster can be saved: stopped cleanly (a fast shutdown writes a
 * checkpoint, so the directory is consistent), copied, and started again on the same port. Offered
 * by {@link ThrowawayDatabase#savable()} for the embedded provider (not when it runs as nobody).
 * Nobody may be connected while it is stopped.
 */
public interface SavableCluster {

  /** The server's data directory; a consistent cluster only between {@link #stop} and start. */
  Path dataDirectory();

  /**
   * Stops the server with a fast shutdown, waiting at most 15 s.
   *
   * @throws ProviderException if it did not shut down cleanly (the directory is then not saved)
   */
  void stop();

  /** Starts the server again on the same data directory and port; returns when it is ready. */
  void start();
}
