package dev.drydock.provider;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * PostgreSQL from zonky's Maven Central binaries, run as a child process on 127.0.0.1 with its unix
 * socket and data inside one temporary directory. {@code initdb} runs once per binaries version:
 * its cluster is cached beside the binaries and copied for each start.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM is root the server runs inside a new user
 * namespace ({@code unshare -U}, as zonky does), where it is not uid 0; where user namespaces are
 * not allowed it runs as {@code nobody} through {@code setpriv}, with a private copy of the
 * binaries and the data directory owned by that user.
 *
 * <p>{@link #close()} stops the server (fast shutdown, then kill) and deletes the directory; a JVM
 * shutdown hook does the same on Ctrl-C, and {@link Orphans} reaps what a killed JVM left behind.
 *
 * <p>As a {@link CrashableServer} it can be SIGKILLed and started again on the same data directory
 * and port, for fault-injection tests.
 */
final class EmbeddedPostgres implements ThrowawayDatabase, CrashableServer {

  static final String SUPERUSER = "postgres";
  static final String DATABASE = "postgres";
  private static final int NOBODY = 65534;

  private final Resources resources;
  private final Launch launch;

  /** Processes stopped by {@link #freeze()}, resumed by {@link #thaw()}. */
  private List<Long> frozen = List.of();

  private final int port;
  private final String version;

  private EmbeddedPostgres(Resources resources, Launch launch, int port, String version) {
    this.resources = resources;
    this.launch = launch;
    this.port = port;
    this.version = version;
  }

  /** Everything needed to start the server process again on the same files and port. */
  private record Launch(
      PostgresBinaries binaries,
      RunAs runAs,
      Path data,
      Path socketDir,
      Path log,
      ProviderSettings settings) {

    Process start(int port) throws IOException {
      return startServer(binaries, runAs, data, socketDir, port, log, settings);
    }
  }

  /**
   * What a server holds (directory, process, orphan registration), released exactly once: by {@link
   * #close()}, by a failed start, or by the JVM shutdown hook registered before anything is
   * created, so Ctrl-C during initdb or start-up leaves nothing behind either.
   */
  private static final class Resources {
    private Path workDir;
    private Process process;
    private Orphans.Registration registration;
    private boolean released;
    private final Thread hook = new Thread(this::release, "drydock-embedded-postgres-shutdown");

    Resources() {
      Runtime.getRuntime().addShutdownHook(hook);
    }

    synchronized void workDir(Path dir, Orphans.Registration entry) {
      workDir = dir;
      registration = entry;
      if (released) {
        release(dir, null, entry);
        throw new ProviderException("Embedded PostgreSQL start interrupted by JVM shutdown");
      }
    }

    /** Work that writes into the directory; refused once released, so nothing outlives the hook. */
    interface Step<T> {
      T run() throws IOException;
    }

    synchronized <T> T step(Step<T> step) throws IOException {
      if (released) {
        throw new ProviderException("Embedded PostgreSQL start interrupted by JVM shutdown");
      }
      return step.run();
    }

    synchronized void process(Process started) {
      if (released) {
        EmbeddedPostgres.stop(started);
        throw new ProviderException("Embedded PostgreSQL start interrupted by JVM shutdown");
      }
      process = started;
      registration.serverPid(started.pid());
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

    private static void release(Path workDir, Process process, Orphans.Registration registration) {
      if (process != null) {
        EmbeddedPostgres.stop(process);
      }
      if (workDir != null) {
        FileTrees.deleteQuietly(workDir);
      }
      if (registration != null) {
        registration.remove();
      }
    }
  }

  /** How the server process is started, depending on who the JVM runs as. */
  enum RunAs {
    /** Not root: run the binaries directly. */
    CURRENT_USER,
    /** Root: run in a new user namespace, where PostgreSQL does not see uid 0. */
    USER_NAMESPACE,
    /** Root without user namespaces: run as nobody (uid 65534). */
    NOBODY;

    List<String> prefix() {
      return switch (this) {
        case CURRENT_USER -> List.of();
        case USER_NAMESPACE -> List.of("unshare", "-U", "--");
        case NOBODY ->
            List.of(
                "setpriv",
                "--reuid=" + EmbeddedPostgres.NOBODY,
                "--regid=" + EmbeddedPostgres.NOBODY,
                "--clear-groups",
                "--");
      };
    }
  }

  static EmbeddedPostgres start(ProviderSettings settings) {
    Orphans.reap(settings.cacheDirectory());
    return start(settings, detectRunAs());
  }

  /** Starts the server the given way (tests force the fallbacks with this). */
  static EmbeddedPostgres start(ProviderSettings settings, RunAs runAs) {
    Path cache = settings.cacheDirectory();
    Resources resources = new Resources();
    try {
      Path workDir =
          Files.createTempDirectory(
              Files.createDirectories(ProviderSettings.defaultWorkDirectoryParent()),
              "drydock-pg-");
      resources.workDir(workDir, Orphans.register(cache, workDir));
      Path data = workDir.resolve("data");
      PostgresBinaries binaries =
          runAs == RunAs.NOBODY
              ? resources.step(
                  () -> {
                    PostgresBinaries own =
                        PostgresBinaries.extractPrivateCopy(
                            workDir.resolve("pg"), settings.postgresBinaries());
                    Files.setPosixFilePermissions(
                        workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
                    Files.createDirectories(data);
                    chownTree(workDir, NOBODY);
                    initdb(own, runAs, data);
                    return own;
                  })
              : PostgresBinaries.extractTo(cache, settings.postgresBinaries());
      if (runAs != RunAs.NOBODY) {
        Path template = clusterTemplate(binaries, runAs);
        resources.step(
            () -> {
              FileTrees.copy(template, data);
              Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
              return data;
            });
      }
      Path socketDir =
          resources.step(
              () -> {
                Path dir = Files.createDirectories(workDir.resolve("run"));
                if (runAs == RunAs.NOBODY) {
                  chownTree(dir, NOBODY);
                }
                return dir;
              });
      Path log = workDir.resolve("postgres.log");
      Launch launch = new Launch(binaries, runAs, data, socketDir, log, settings);
      int port = -1;
      for (int attempt = 1; ; attempt++) {
        port = freePort();
        int chosen = port;
        Process process =
            resources.step(
                () -> {
                  Process started = launch.start(chosen);
                  resources.process(started);
                  return started;
                });
        String failure = awaitReady(process, log, settings.startupTimeout());
        if (failure == null) {
          break;
        }
        stop(process);
        if (attempt < 3 && failure.contains("could not bind")) {
          continue;
        }
        throw new ProviderException(
            "Embedded PostgreSQL did not start (" + runAs + "): " + failure);
      }
      return new EmbeddedPostgres(resources, launch, port, serverVersion(port));
    } catch (IOException e) {
      resources.release();
      throw new ProviderException(
          "Embedded PostgreSQL could not be prepared: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      resources.release();
      throw e;
    }
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.EMBEDDED;
  }

  @Override
  public String description() {
    return "embedded PostgreSQL " + version + " on 127.0.0.1:" + port;
  }

  @Override
  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  @Override
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public String databaseName() {
    return DATABASE;
  }

  @Override
  public String user() {
    return SUPERUSER;
  }

  @Override
  public String password() {
    return "";
  }

  /** The server's port on 127.0.0.1. */
  int port() {
    return port;
  }

  /** The temporary directory that holds the data directory, socket and log. */
  Path workDirectory() {
    return resources.workDir();
  }

  /** The postmaster process id. */
  long pid() {
    return resources.process().pid();
  }

  @Override
  public Optional<CrashableServer> crashable() {
    return Optional.of(this);
  }

  @Override
  public Path dataDirectory() {
    return launch.data();
  }

  /** From {@code postmaster.pid}; the started process (unshare and setpriv exec it) otherwise. */
  @Override
  public long postmasterPid() {
    try {
      List<String> lines = Files.readAllLines(launch.data().resolve("postmaster.pid"));
      if (!lines.isEmpty()) {
        return Long.parseLong(lines.get(0).trim());
      }
    } catch (IOException | NumberFormatException absent) {
      // not running (or not yet written): fall back to the process we started
    }
    return pid();
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

  @Override
  public synchronized void restart() {
    Process old = resources.process();
    if (old != null && old.isAlive()) {
      throw new IllegalStateException("Embedded PostgreSQL is still running: crash() it first");
    }
    try {
      Process started =
          resources.step(
              () -> {
                Process p = launch.start(port);
                resources.process(p);
                return p;
              });
      String failure = awaitReady(started, launch.log(), launch.settings().startupTimeout());
      if (failure != null) {
        stop(started);
        throw new ProviderException(
            "Embedded PostgreSQL did not restart on port " + port + ": " + failure);
      }
    } catch (IOException e) {
      throw new ProviderException("Embedded PostgreSQL could not restart: " + e.getMessage(), e);
    }
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

  /** Stops the server (thawed first if frozen) and deletes its directory. */
  @Override
  public void close() {
    synchronized (this) {
      try {
        thaw();
      } catch (RuntimeException e) {
        // release() kills what does not stop
      }
    }
    resources.release();
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

  static RunAs detectRunAs() {
    if (!isRoot()) {
      return RunAs.CURRENT_USER;
    }
    if (succeeds("unshare", "-U", "--", "true")) {
      return RunAs.USER_NAMESPACE;
    }
    if (succeeds("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "true")) {
      return RunAs.NOBODY;
    }
    throw new ProviderException(
        "Running as root, and PostgreSQL refuses to run as root: neither 'unshare -U' (user"
            + " namespaces) nor 'setpriv' works here. Run the build as a normal user, or use"
            + " --provider external/testcontainers.");
  }

  static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return uid instanceof Integer i && i == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static boolean succeeds(String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** An initdb'd cluster cached beside the binaries, created once (atomically) and then copied. */
  private static Path clusterTemplate(PostgresBinaries binaries, RunAs runAs) throws IOException {
    // the suffix names the initdb options below: change it when they change
    Path template =
        binaries.home().resolveSibling(binaries.home().getFileName() + "-cluster-wal1m");
    if (Files.isRegularFile(template.resolve("PG_VERSION"))) {
      return template;
    }
    return CacheLock.holding(
        template.resolveSibling(template.getFileName() + ".lock"),
        () -> {
          if (Files.isRegularFile(template.resolve("PG_VERSION"))) {
            return template;
          }
          CacheLock.deleteStaleStaging(template);
          Path tmp =
              Files.createTempDirectory(template.getParent(), template.getFileName() + ".tmp-");
          try {
            Path data = tmp.resolve("data");
            initdb(binaries, runAs, data);
            try {
              Files.move(data, template, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
              Files.move(data, template);
            }
            return template;
          } finally {
            FileTrees.deleteQuietly(tmp);
          }
        });
  }

  private static void initdb(PostgresBinaries binaries, RunAs runAs, Path data) throws IOException {
    List<String> command = new ArrayList<>(runAs.prefix());
    command.addAll(
        List.of(
            binaries.bin("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            // 1 MB WAL segments: each start copies the cluster, 16 MB of empty WAL is waste
            "--wal-segsize=1",
            "--no-sync"));
    Path log = Files.createTempFile("drydock-initdb-", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ProviderException("initdb did not finish within 120 s");
      }
      if (p.exitValue() != 0) {
        throw new ProviderException(
            "initdb failed (exit " + p.exitValue() + "): " + tail(Files.readString(log), 5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException("Interrupted while running initdb", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static Process startServer(
      PostgresBinaries binaries,
      RunAs runAs,
      Path data,
      Path socketDir,
      int port,
      Path log,
      ProviderSettings settings)
      throws IOException {
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
            "-c",
            "log_min_messages=warning",
            "-c",
            "logging_collector=off"));
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

  /** Waits for the server to accept connections; returns null when ready, else why not. */
  private static String awaitReady(Process process, Path log, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
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
    return "not ready within " + timeout.toSeconds() + " s: " + tail(Files.readString(log), 5);
  }

  private static String serverVersion(int port) {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    try (Connection c = java.sql.DriverManager.getConnection(url, SUPERUSER, "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new ProviderException(
          "Embedded PostgreSQL started but does not answer: " + e.getMessage(), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void chownTree(Path root, int uid) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(p, "unix:uid", uid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", uid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  static String tail(String text, int lines) {
    String[] all = text.strip().split("\\R");
    int from = Math.max(0, all.length - lines);
    return String.join(" | ", java.util.Arrays.asList(all).subList(from, all.length));
  }
}
