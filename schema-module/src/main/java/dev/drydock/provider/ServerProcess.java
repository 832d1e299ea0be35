package dev.drydock.provider;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code postgres} server process of an embedded cluster: everything needed to start it (again)
 * on the same files, waiting until it accepts connections, and stopping it.
 *
 * @param binaries the PostgreSQL binaries
 * @param runAs how the process is started
 * @param data the data directory
 * @param socketDir the unix socket directory
 * @param log the server's output (rewritten at each start)
 * @param settings the provider settings (extra server parameters, start-up timeout)
 */
record ServerProcess(
    PostgresBinaries binaries,
    RunAs runAs,
    Path data,
    Path socketDir,
    Path log,
    ProviderSettings settings) {

  static final String SUPERUSER = "postgres";
  static final String DATABASE = "postgres";

  /** Starts the server on {@code port}; does not wait for it (see {@link #awaitReady}). */
  Process start(int port) throws IOException {
    List<String> command = new ArrayList<>(runAs.prefix());
    command.addAll(
        List.of(
            binaries.bin("postgres").toString(),
            "-D",
            data.toString(),
            "-p",
            Integer.toString(port),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "unix_socket_directories=" + socketDir,
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "max_connections=200",
            // shared memory segments inside the data directory, deleted with it even after a
            // SIGKILL (POSIX segments would stay in /dev/shm)
            "-c",
            "dynamic_shared_memory_type=mmap",
            // a stopped cluster keeps only the WAL it needs, not 80 MB of recycled segments:
            // snapshots copy it
            "-c",
            "min_wal_size=2MB",
            "-c",
            "log_min_messages=warning",
            "-c",
            "logging_collector=off"));
    if (majorVersion() >= 12) {
      command.add("-c");
      command.add("wal_recycle=off");
    }
    for (Map.Entry<String, String> p : settings.serverParameters().entrySet()) {
      command.add("-c");
      command.add(p.getKey() + "=" + p.getValue());
    }
    Files.deleteIfExists(log);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** The cluster's PostgreSQL major version, from {@code PG_VERSION}; 0 when unreadable. */
  private int majorVersion() {
    try {
      return Integer.parseInt(Files.readString(data.resolve("PG_VERSION")).strip());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Waits (at most the start-up timeout) for the server to accept connections; returns null when
   * ready, else why not.
   */
  String awaitReady(Process process) throws IOException {
    long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      if (text.contains("ready to accept connections")) {
        return null;
      }
      if (!process.isAlive()) {
        return "exit " + process.exitValue() + ": " + tail(text, 5);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted while waiting for the server to start";
      }
    }
    return "not ready within "
        + settings.startupTimeout().toSeconds()
        + " s: "
        + tail(Files.readString(log), 5);
  }

  /**
   * The postmaster's pid from {@code postmaster.pid}; {@code started}'s (unshare and setpriv exec
   * it) while that is not written.
   */
  long postmasterPid(Process started) {
    try {
      List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
      if (!lines.isEmpty()) {
        return Long.parseLong(lines.get(0).trim());
      }
    } catch (IOException | NumberFormatException absent) {
      // not running (or not yet written): fall back to the process we started
    }
    return started.pid();
  }

  /** Fast shutdown (SIGINT rolls back open transactions and disconnects), then SIGKILL. */
  static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      process.destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** {@code SHOW server_version} of the server on {@code port}. */
  static String serverVersion(int port) {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    try (Connection c = DriverManager.getConnection(url, SUPERUSER, "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new ProviderException(
          "Embedded PostgreSQL started but does not answer: " + e.getMessage(), e);
    }
  }

  /** A port on 127.0.0.1 that was free a moment ago (a start that loses the race retries). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** The last {@code lines} lines of a process's output, joined on one line. */
  static String tail(String text, int lines) {
    String[] all = text.strip().split("\\R");
    int from = Math.max(0, all.length - lines);
    return String.join(" | ", Arrays.asList(all).subList(from, all.length));
  }
}
