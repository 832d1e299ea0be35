package dev.drydock.provider;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fault injection on an embedded server, for tests: SIGKILL or SIGSTOP the postmaster and its
 * backends, and start the server again on the same data directory and port. Kept apart from the
 * production lifecycle ({@link EmbeddedPostgres}); it only uses the server's {@link
 * ServerResources}, so {@code close()} still stops and deletes everything.
 */
final class EmbeddedFaults implements CrashableServer {
  private final ServerResources resources;
  private final ServerProcess server;
  private final int port;

  /** Processes stopped by {@link #freeze()}, resumed by {@link #thaw()}. */
  private List<Long> frozen = List.of();

  EmbeddedFaults(ServerResources resources, ServerProcess server, int port) {
    this.resources = resources;
    this.server = server;
    this.port = port;
  }

  @Override
  public Path dataDirectory() {
    return server.data();
  }

  /** From {@code postmaster.pid}; the started process (unshare and setpriv exec it) otherwise. */
  @Override
  public long postmasterPid() {
    return server.postmasterPid(resources.process());
  }

  @Override
  public synchronized List<Long> crash() {
    Process process = resources.process();
    // every process stopped first, so none sees another die before its own SIGKILL lands
    List<ProcessHandle> victims = stopAll("crash");
    List<Long> pids = victims.stream().map(ProcessHandle::pid).toList();
    signal("KILL", pids);
    frozen = List.of();
    for (ProcessHandle victim : victims) {
      try {
        victim.onExit().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException("Interrupted while waiting for PostgreSQL to die", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new ProviderException("PostgreSQL process " + victim.pid() + " survived SIGKILL", e);
      }
    }
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return pids;
  }

  @Override
  public synchronized List<Long> freeze() {
    frozen = stopAll("freeze").stream().map(ProcessHandle::pid).toList();
    return frozen;
  }

  @Override
  public synchronized void thaw() {
    if (!frozen.isEmpty()) {
      signal("CONT", frozen);
      frozen = List.of();
    }
  }

  @Override
  public synchronized void restart() {
    Process old = resources.process();
    if (old != null && old.isAlive()) {
      throw new IllegalStateException("Embedded PostgreSQL is still running: crash() it first");
    }
    try {
      Process started = resources.start(server, port);
      String failure = server.awaitReady(started);
      if (failure != null) {
        ServerProcess.stop(started);
        throw new ProviderException(
            "Embedded PostgreSQL did not restart on port " + port + ": " + failure);
      }
    } catch (IOException e) {
      throw new ProviderException("Embedded PostgreSQL could not restart: " + e.getMessage(), e);
    }
  }

  /**
   * SIGSTOPs the postmaster, then every process below it: stopped first, the postmaster forks no
   * backend between the listing and the signal. Returns the postmaster's handle and its
   * descendants'.
   */
  private List<ProcessHandle> stopAll(String what) {
    Process process = resources.process();
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException("Embedded PostgreSQL is not running: nothing to " + what);
    }
    long postmaster = postmasterPid();
    signal("STOP", List.of(postmaster));
    List<ProcessHandle> all = new ArrayList<>();
    ProcessHandle.of(postmaster).ifPresent(all::add);
    all.addAll(ProcessHandle.of(postmaster).map(h -> h.descendants().toList()).orElse(List.of()));
    if (all.size() > 1) {
      signal("STOP", all.subList(1, all.size()).stream().map(ProcessHandle::pid).toList());
    }
    return all;
  }

  private static void signal(String signal, List<Long> pids) {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(Long.toString(pid)));
    try {
      Process kill =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!kill.waitFor(5, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
        throw new ProviderException("kill -" + signal + " did not finish within 5 s");
      }
    } catch (IOException e) {
      throw new ProviderException("Cannot run kill -" + signal + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException("Interrupted while sending SIG" + signal, e);
    }
  }
}
