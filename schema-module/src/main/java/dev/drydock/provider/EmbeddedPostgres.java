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
      boolean[] fromSource = {false};
      PostgresBinaries binaries =
          prepareData(resources, settings, runAs, source, workDir, data, fromSource);
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
              binaries, runAs, data, socketDir, workDir.resolve("postgres.log"), settings);
      int port = startOnFreePort(resources, server);
      return new EmbeddedPostgres(resources, server, runAs, port, fromSource[0]);
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
   * Fills {@code data} with a cluster (setting {@code fromSource[0]} when {@code source} gave it);
   * returns the binaries that run it.
   */
  private static PostgresBinaries prepareData(
      ServerResources resources,
      ProviderSettings settings,
      RunAs runAs,
      ClusterSource source,
      Path workDir,
      Path data,
      boolean[] fromSource)
      throws IOException {
    if (runAs == RunAs.NOBODY) {
      return resources.step(
          () -> {
            PostgresBinaries own =
                PostgresBinaries.extractPrivateCopy(
                    workDir.resolve("pg"), settings.postgresBinaries());
            Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(data);
            RunAs.chownToNobody(workDir);
            ClusterTemplate.initdb(own, runAs, data);
            return own;
          });
    }
    PostgresBinaries binaries =
        PostgresBinaries.extractTo(settings.cacheDirectory(), settings.postgresBinaries());
    resources.step(
        () -> {
          fromSource[0] = source.copyInto(data);
          if (!fromSource[0]) {
            FileTrees.deleteQuietly(data);
            FileTrees.copy(new ClusterTemplate().cluster(binaries, runAs), data);
          }
          Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
          return data;
        });
    return binaries;
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
