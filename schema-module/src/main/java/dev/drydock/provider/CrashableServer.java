package dev.drydock.provider;

import java.nio.file.Path;
import java.util.List;

/**
 * A throwaway server that a fault-injection test can crash and bring back, to see what an
 * application does when its database dies mid-flight. Only the embedded provider offers it (see
 * {@link ThrowawayDatabase#crashable()}): the test owns the server's processes there.
 *
 * <pre>{@code
 * try (ThrowawayDatabase db = ThrowawayDatabase.start(settings)) {
 *   CrashableServer server = db.crashable().orElseThrow();
 *   server.crash();    // every connection is reset, nothing is shut down cleanly
 *   server.restart();  // crash recovery on the same data directory and port
 * }
 * }</pre>
 *
 * <p>For tests only. {@link ThrowawayDatabase#close()} still stops and deletes everything, whether
 * the server is running, frozen or crashed.
 */
public interface CrashableServer {

  /** The postmaster's process id (the first line of {@code <data directory>/postmaster.pid}). */
  long postmasterPid();

  /** The server's data directory. */
  Path dataDirectory();

  /**
   * Kills the postmaster and every backend with SIGKILL, as the OOM killer would: no shutdown, no
   * checkpoint, every client connection is reset. The postmaster is frozen (SIGSTOP) first, so it
   * forks no backend that would escape. Returns when all of them are gone.
   *
   * @return the process ids killed, the postmaster's first
   * @throws IllegalStateException if the server is not running
   */
  List<Long> crash();

  /**
   * Stops every server process (SIGSTOP) without killing it, like a hung host: connections stay
   * open and the kernel still accepts new ones, but nothing answers. Only client-side timeouts end
   * a call now. Undo with {@link #thaw()}.
   *
   * @return the process ids stopped, the postmaster's first
   * @throws IllegalStateException if the server is not running
   */
  List<Long> freeze();

  /** Resumes the processes {@link #freeze()} stopped (SIGCONT); the server answers again. */
  void thaw();

  /**
   * Starts the server again on the same data directory and port after {@link #crash()}; PostgreSQL
   * runs crash recovery from its WAL. Returns when it accepts connections.
   *
   * @throws IllegalStateException if the server is still running
   * @throws ProviderException if it does not come back within the start-up timeout
   */
  void restart();
}
