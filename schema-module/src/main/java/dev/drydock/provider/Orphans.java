package dev.drydock.provider;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bookkeeping that lets a later run clean up after a JVM that was killed (SIGKILL, OOM) before its
 * shutdown hook could stop the embedded server: each running server has a file under {@code
 * <cache>/running/} naming the JVM, the postmaster and the temporary directory. {@link #reap} kills
 * the postmaster (and its backends) of every JVM that is gone and, once they have exited, deletes
 * its directory: a directory is never deleted under a process that still runs in it.
 */
final class Orphans {
  /** How long {@link #reap} waits for the processes of one orphan to exit after SIGKILL. */
  static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);

  private Orphans() {}

  /**
   * One line each: the JVM that runs the server, the server's pid ({@code -1} before it starts) and
   * the server's temporary directory.
   */
  record Entry(long jvm, long server, Path workDir) {

    void writeTo(Path file) {
      try {
        Files.writeString(
            file, jvm + "\n" + server + "\n" + workDir + "\n", StandardCharsets.UTF_8);
      } catch (IOException ignored) {
        // bookkeeping only
      }
    }

    /** The entry in {@code file}; empty when it is gone, half-written or not an entry. */
    static Optional<Entry> readFrom(Path file) {
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 3) {
          return Optional.empty();
        }
        return Optional.of(
            new Entry(
                Long.parseLong(lines.get(0).trim()),
                Long.parseLong(lines.get(1).trim()),
                Path.of(lines.get(2).trim())));
      } catch (IOException | RuntimeException unreadable) {
        return Optional.empty();
      }
    }
  }

  /** One running server's entry; removed when the server is cleanly stopped. */
  static final class Registration {
    private final Path file;
    private final Path workDir;

    private Registration(Path file, Path workDir) {
      this.file = file;
      this.workDir = workDir;
    }

    void serverPid(long pid) {
      new Entry(ProcessHandle.current().pid(), pid, workDir).writeTo(file);
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
    Path file = entryFile(cache, ProcessHandle.current().pid(), workDir);
    new Entry(ProcessHandle.current().pid(), -1, workDir).writeTo(file);
    return new Registration(file, workDir);
  }

  /** Where the entry of the server in {@code workDir}, run by JVM {@code jvm}, is kept. */
  static Path entryFile(Path cache, long jvm, Path workDir) throws IOException {
    Path dir = Files.createDirectories(cache.resolve("running"));
    return dir.resolve(jvm + "-" + workDir.getFileName() + ".txt");
  }

  /**
   * Stops servers and deletes directories left by JVMs that no longer run. An orphan whose
   * processes do not exit within {@link #EXIT_TIMEOUT} keeps its directory and its entry: the next
   * reap tries again.
   */
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
    if (!Files.exists(file)) {
      return;
    }
    Optional<Entry> read = Entry.readFrom(file);
    if (read.isEmpty()) {
      Files.deleteIfExists(file);
      return;
    }
    Entry entry = read.get();
    if (ProcessHandle.of(entry.jvm()).map(ProcessHandle::isAlive).orElse(false)) {
      return;
    }
    if (entry.server() > 0 && !killed(entry.server())) {
      return;
    }
    if (entry.workDir().getFileName().toString().startsWith("drydock-pg-")) {
      FileTrees.deleteQuietly(entry.workDir());
    }
    Files.deleteIfExists(file);
  }

  /**
   * SIGKILLs the postmaster {@code pid} and the backends below it, and waits for all of them to
   * exit. True when none runs any more (or {@code pid} is no postgres: gone, or reused).
   */
  private static boolean killed(long pid) {
    Optional<ProcessHandle> postmaster =
        ProcessHandle.of(pid)
            .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    if (postmaster.isEmpty()) {
      return true;
    }
    // listed before the kill: once the postmaster is gone its backends are no longer below it
    List<ProcessHandle> all = new ArrayList<>();
    all.add(postmaster.get());
    all.addAll(postmaster.get().descendants().toList());
    all.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
    for (ProcessHandle process : all) {
      try {
        process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException | TimeoutException stillRunning) {
        return false;
      }
    }
    return true;
  }
}
