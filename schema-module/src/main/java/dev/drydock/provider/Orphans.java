package dev.drydock.provider;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bookkeeping that lets a later run clean up after a JVM that was killed (SIGKILL, OOM) before its
 * shutdown hook could stop the embedded server: each running server has a file under {@code
 * <cache>/running/} naming the JVM, the postmaster and the temporary directory. {@link #reap} kills
 * the postmaster of every JVM that is gone and deletes its directory.
 */
final class Orphans {
  private Orphans() {}

  /** One running server's entry; removed when the server is cleanly stopped. */
  static final class Registration {
    private final Path file;
    private final Path workDir;

    private Registration(Path file, Path workDir) {
      this.file = file;
      this.workDir = workDir;
    }

    void serverPid(long pid) {
      write(file, ProcessHandle.current().pid(), pid, workDir);
    }

    void remove() {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // the next reap removes it
      }
    }
  }

  static Registration register(Path cache, Path workDir) throws IOException {
    Path dir = Files.createDirectories(cache.resolve("running"));
    Path file = dir.resolve(ProcessHandle.current().pid() + "-" + workDir.getFileName() + ".txt");
    write(file, ProcessHandle.current().pid(), -1, workDir);
    return new Registration(file, workDir);
  }

  /** Stops servers and deletes directories left by JVMs that no longer run. */
  static void reap(Path cache) {
    Path dir = cache.resolve("running");
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.txt")) {
      for (Path file : files) {
        reapOne(file);
      }
    } catch (IOException ignored) {
      // best effort: a stale entry is retried next time
    }
  }

  private static void reapOne(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException gone) {
      return;
    }
    if (lines.size() < 3) {
      Files.deleteIfExists(file);
      return;
    }
    long jvm = Long.parseLong(lines.get(0).trim());
    if (ProcessHandle.of(jvm).map(ProcessHandle::isAlive).orElse(false)) {
      return;
    }
    long server = Long.parseLong(lines.get(1).trim());
    Path workDir = Path.of(lines.get(2).trim());
    if (server > 0) {
      Optional<ProcessHandle> handle = ProcessHandle.of(server);
      handle
          .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false))
          .ifPresent(
              h -> {
                h.destroyForcibly();
                h.onExit()
                    .toCompletableFuture()
                    .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS);
              });
    }
    if (workDir.getFileName().toString().startsWith("drydock-pg-")) {
      FileTrees.deleteQuietly(workDir);
    }
    Files.deleteIfExists(file);
  }

  private static void kill(ProcessHandle server) {
    server.destroyForcibly();
    try {
      server.onExit().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // still going: the directory is deleted anyway, the next reap tries again
    }
  }

  private static void write(Path file, long jvm, long server, Path workDir) {
    try {
      Files.writeString(file, jvm + "\n" + server + "\n" + workDir + "\n", StandardCharsets.UTF_8);
    } catch (IOException ignored) {
      // bookkeeping only
    }
  }
}
