package dev.drydock.provider;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * PostgreSQL from zonky's Maven Central binaries, run as a child process on 127.0.0.1 with its unix
 * socket and data inside one temporary directory. The data directory is a copy of a cached cluster:
 * the initdb'd {@link ClusterTemplate}, or a saved one a {@link ClusterSource} gives (a migration
 * snapshot); the process runs as {@link RunAs} decides (as {@link RunAs#NOBODY} with a private copy
 * of the binaries and its own initdb). {@link #savable()} saves the cluster for later starts.
 *
 * <p>{@link #close()} stops the server (fast shutdown, then kill) and deletes the directory; a JVM
 * shutdown hook does the same on Ctrl-C ({@link ServerResources}), and {@link Orphans} reaps what a
 * killed JVM left behind. {@link #crashable()} offers fault injection ({@link EmbeddedFaults}).
 */
final class EmbeddedPostgres implements ThrowawayDatabase {

  private static final int START_ATTEMPTS = 3;

  private final ServerResources resources;
  private final EmbeddedFaults faults;
  private final ServerProcess server;
  private final RunAs runAs;
  private final int port;
  private final String version;
  private final boolean fromSource;

  private EmbeddedPostgres(
      ServerResources resources, ServerProcess server, RunAs runAs, int port, boolean fromSource) {
    this.resources = resources;
    this.faults = new EmbeddedFaults(resources, server, port);
    this.server = server;
    this.runAs = runAs;
    this.port = port;
    this.version = ServerProcess.serverVersion(port);
    this.fromSource = fromSource;
  }

  static EmbeddedPostgres start(ProviderSettings settings) {
    Orphans.reap(settings.cacheDirectory());
    return start(settings, RunAs.detect());
  }

  /** Starts the server the given way (tests force the fallbacks with this). */
  static EmbeddedPostgres start(ProviderSettings settings, RunAs runAs) {
    return start(settings, runAs, data -> false);
  }

  /** Starts the server on a copy of the cluster {@code source} gives (unless {@code NOBODY}). */
  static EmbeddedPostgres start(ProviderSettings settings, RunAs runAs, ClusterSource source) {
    ServerResources resources = new ServerResources();
    try {
      Path workDir =
          resources.createWorkDir(
              ProviderSettings.defaultWorkDirectoryParent(), settings.cacheDirectory());
      Path data = workDir.resolve("data");
      PreparedData prepared = prepareData(resources, settings, runAs, source, workDir, data);
      Path socketDir =
          resources.step(
              () -> {
                Path dir = Files.createDirectories(workDir.resolve("run"));
                if (runAs == RunAs.NOBODY) {
                  RunAs.chownToNobody(dir);
                }
                return dir;
              });
      ServerProcess server =
          new ServerProcess(
              prepared.binaries(),
              runAs,
              data,
              socketDir,
              workDir.resolve("postgres.log"),
              settings);
      int port = startOnFreePort(resources, server);
      return new EmbeddedPostgres(resources, server, runAs, port, prepared.fromSource());
    } catch (IOException e) {
      resources.release();
      throw new ProviderException(
          "Embedded PostgreSQL could not be prepared: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      resources.release();
      throw e;
    }
  }

  /**
   * The binaries that run a prepared data directory, and whether its cluster came from the {@link
   * ClusterSource} (else from the template or a private initdb).
   */
  private record PreparedData(PostgresBinaries binaries, boolean fromSource) {}

  /** Fills {@code data} with a cluster. */
  private static PreparedData prepareData(
      ServerResources resources,
      ProviderSettings settings,
      RunAs runAs,
      ClusterSource source,
      Path workDir,
      Path data)
      throws IOException {
    if (runAs == RunAs.NOBODY) {
      PostgresBinaries own =
          resources.step(
              () -> {
                PostgresBinaries copy =
                    PostgresBinaries.extractPrivateCopy(
                        workDir.resolve("pg"), settings.postgresBinaries());
                Files.setPosixFilePermissions(
                    workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.createDirectories(data);
                RunAs.chownToNobody(workDir);
                ClusterTemplate.initdb(copy, runAs, data);
                return copy;
              });
      return new PreparedData(own, false);
    }
    PostgresBinaries binaries =
        PostgresBinaries.extractTo(settings.cacheDirectory(), settings.postgresBinaries());
    boolean fromSource =
        resources.step(
            () -> {
              boolean copied = source.copyInto(data);
              if (!copied) {
                FileTrees.deleteQuietly(data);
                FileTrees.copy(new ClusterTemplate().cluster(binaries, runAs), data);
              }
              Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
              return copied;
            });
    return new PreparedData(binaries, fromSource);
  }

  /** Starts the server on a free port, retrying when another process took the port first. */
  private static int startOnFreePort(ServerResources resources, ServerProcess server)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      int port = ServerProcess.freePort();
      Process process = resources.start(server, port);
      String failure = server.awaitReady(process);
      if (failure == null) {
        return port;
      }
      ServerProcess.stop(process);
      if (attempt < START_ATTEMPTS && failure.contains("could not bind")) {
        continue;
      }
      throw new ProviderException(
          "Embedded PostgreSQL did not start (" + server.runAs() + "): " + failure);
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
    return jdbcUrl(ServerProcess.DATABASE);
  }

  @Override
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public String databaseName() {
    return ServerProcess.DATABASE;
  }

  @Override
  public String user() {
    return ServerProcess.SUPERUSER;
  }

  @Override
  public String password() {
    return "";
  }

  /** The temporary directory that holds the data directory, socket and log. */
  Path workDirectory() {
    return resources.workDir();
  }

  /** The process id of the server process started last. */
  long pid() {
    return resources.process().pid();
  }

  @Override
  public Optional<CrashableServer> crashable() {
    return Optional.of(faults);
  }

  /** True when the cluster came from a {@link ClusterSource} (a snapshot), not the template. */
  boolean startedFromSource() {
    return fromSource;
  }

  @Override
  public Optional<SavableCluster> savable() {
    if (runAs == RunAs.NOBODY) {
      return Optional.empty();
    }
    return Optional.of(
        new SavableCluster() {
          @Override
          public Path dataDirectory() {
            return server.data();
          }

          @Override
          public void stop() {
            Process process = resources.process();
            ServerProcess.stop(process);
            if (process.isAlive() || Files.exists(server.data().resolve("postmaster.pid"))) {
              throw new ProviderException(
                  "Embedded PostgreSQL did not shut down cleanly within 15 s");
            }
          }

          @Override
          public void start() {
            faults.restart();
          }
        });
  }

  /** Stops the server (thawed first if frozen) and deletes its directory. */
  @Override
  public void close() {
    try {
      faults.thaw();
    } catch (RuntimeException e) {
      // release() kills what does not stop
    }
    resources.release();
  }
}
