package dev.drydock.provider;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an embedded server holds (directory, process, orphan registration), released exactly once:
 * by {@link EmbeddedPostgres#close()}, by a failed start, or by the JVM shutdown hook registered
 * before anything is created, so Ctrl-C during initdb or start-up leaves nothing behind either.
 */
final class ServerResources {
  private Path workDir;
  private Process process;
  private Orphans.Registration registration;
  private boolean released;
  private final Thread hook = new Thread(this::release, "drydock-embedded-postgres-shutdown");

  ServerResources() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Work that writes into the directory; refused once released, so nothing outlives the hook. */
  interface Step<T> {
    T run() throws IOException;
  }

  /**
   * Creates the server's temporary directory under {@code parent} and registers it for {@link
   * Orphans} in {@code cache}. Under the release lock: a shutdown hook that runs first makes this
   * refuse, one that runs later finds the directory and deletes it.
   */
  synchronized Path createWorkDir(Path parent, Path cache) throws IOException {
    if (released) {
      throw interrupted();
    }
    // the JVM's pid in the name says whose directory it is (to a person, and to tests that must
    // not count another process's servers as their own leftovers)
    workDir =
        Files.createTempDirectory(
            Files.createDirectories(parent), "drydock-pg-" + ProcessHandle.current().pid() + "-");
    registration = Orphans.register(cache, workDir);
    return workDir;
  }

  synchronized <T> T step(Step<T> step) throws IOException {
    if (released) {
      throw interrupted();
    }
    return step.run();
  }

  /** Records the started server process (stopped at once if already released). */
  synchronized void process(Process started) {
    if (released) {
      ServerProcess.stop(started);
      throw interrupted();
    }
    process = started;
    registration.serverPid(started.pid());
  }

  /** Starts the server process as a {@link Step} and records it. */
  Process start(ServerProcess server, int port) throws IOException {
    return step(
        () -> {
          Process started = server.start(port);
          process(started);
          return started;
        });
  }

  synchronized Process process() {
    return process;
  }

  synchronized Path workDir() {
    return workDir;
  }

  synchronized void release() {
    if (released) {
      return;
    }
    released = true;
    // the hook stays registered until the release is done: a SIGTERM arriving meanwhile runs
    // it, and it waits on this lock, so the JVM cannot halt with the directory half-deleted
    release(workDir, process, registration);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // running as the hook, or the JVM is exiting and the hook finds the work done
    }
  }

  private static ProviderException interrupted() {
    return new ProviderException("Embedded PostgreSQL start interrupted by JVM shutdown");
  }

  private static void release(Path workDir, Process process, Orphans.Registration registration) {
    if (process != null) {
      ServerProcess.stop(process);
    }
    if (workDir != null) {
      FileTrees.deleteQuietly(workDir);
    }
    if (registration != null) {
      registration.remove();
    }
  }
}
