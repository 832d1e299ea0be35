package dev.drydock.codegen;

import dev.drydock.files.FileTrees;
import dev.drydock.lifecycle.OwnerProcess;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.Log;
import org.jooq.tools.JooqLogger;

/**
 * A temporary sibling of an output directory that generated sources are written to, moved into
 * place by {@link #commit(Runnable)} only when complete. {@link #close()} deletes whatever was not
 * committed.
 *
 * <p>A JVM shutdown (Ctrl-C, SIGTERM) while the sources are being written deletes the staging
 * directory and leaves the previous output as it was: the hook and {@link #commit(Runnable)}
 * exclude each other, so the output is either swapped completely or not at all. While the hook
 * waits for the writer to give up, a regular file stands where the staging directory was, so a
 * generator still running cannot recreate it.
 *
 * <p>A run killed outright (SIGKILL, OOM) runs no hook: its staging directory stays. So each
 * staging directory has an owner file beside it ({@code <name>.tmp-<n>.owner}, see {@link
 * OwnerProcess}), and the next run on the same output deletes the staging directories whose owner
 * is provably dead, saying so in one line. A staging directory without an owner file, or whose
 * owner may still run, is left alone.
 */
final class StagedOutput implements AutoCloseable {

  /** How long the shutdown hook waits for a generator still writing to fail and close. */
  private static final long WRITER_GRACE_SECONDS = 10;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path target;
  private final Path staging;
  private final Path owner;
  private final Object lock = new Object();
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private final Thread hook;
  private boolean cancelled;
  private boolean closed;

  private StagedOutput(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
    this.owner = ownerFile(staging);
    this.hook = new Thread(this::abandon, "drydock-codegen-staging-cleanup");
  }

  /**
   * Creates the staging directory beside {@code target} (which need not exist). The hook is
   * registered first, so no moment exists where the directory is there and nothing would delete it.
   */
  static StagedOutput beside(Path target) throws IOException {
    // on stderr, whether or not progress is shown: a line about the user's own directory
    return beside(target, line -> System.err.println("drydock: " + line));
  }

  /** {@link #beside(Path)}, telling {@code log} about the staging directories it removed. */
  static StagedOutput beside(Path target, Consumer<String> log) throws IOException {
    Path parent = target.getParent();
    Files.createDirectories(parent);
    List<String> reaped = reapStale(target);
    if (!reaped.isEmpty()) {
      log.accept(
          "Removed "
              + reaped.size()
              + " staging director"
              + (reaped.size() == 1 ? "y" : "ies")
              + " left beside "
              + target
              + " by a killed run: "
              + String.join(", ", reaped));
    }
    String name = target.getFileName() + ".tmp-" + Long.toUnsignedString(RANDOM.nextLong());
    StagedOutput staged = new StagedOutput(target, parent.resolve(name));
    try {
      Runtime.getRuntime().addShutdownHook(staged.hook);
    } catch (IllegalStateException shuttingDown) {
      throw new CodegenException("Code generation interrupted by JVM shutdown", shuttingDown);
    }
    synchronized (staged.lock) {
      if (staged.cancelled) {
        staged.close();
        throw new CodegenException("Code generation interrupted by JVM shutdown", null);
      }
      try {
        // the owner first: no moment exists where the directory is there and cannot be proven ours
        Files.writeString(staged.owner, OwnerProcess.current().format() + "\n");
        Files.createDirectory(staged.staging);
      } catch (IOException e) {
        staged.close();
        throw e;
      }
    }
    return staged;
  }

  /** Where the sources are written until {@link #commit(Runnable)}. */
  Path directory() {
    return staging;
  }

  /**
   * Replaces the target with the staged sources once {@code check} (run under the same lock as the
   * swap) passes. Throws {@link CodegenException} when the JVM is shutting down or the check fails;
   * the target is then left untouched.
   */
  void commit(Runnable check) throws IOException {
    synchronized (lock) {
      if (cancelled) {
        throw new CodegenException(
            "Code generation interrupted by JVM shutdown; " + target + " left as it was", null);
      }
      check.run();
      replace(target, staging);
      deleteOwner();
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      FileTrees.deleteQuietly(staging);
      deleteOwner();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run; it waits for this
    }
    closedLatch.countDown();
  }

  /** The shutdown hook: no commit from now on, staging deleted, even while a writer still runs. */
  private void abandon() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      cancelled = true;
      // a generator still running now fails on every file it writes: those errors are no news
      JooqLogger.globalThreshold(Log.Level.FATAL);
      for (int attempt = 0; attempt < 3 && !FileTrees.deleteQuietly(staging); attempt++) {
        // a writer added files while the tree was walked: walk again
      }
      try {
        Files.createFile(staging);
      } catch (IOException e) {
        // nothing in the way of a writer then; it is deleted below all the same
      }
    }
    try {
      closedLatch.await(WRITER_GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (lock) {
      FileTrees.deleteQuietly(staging);
      deleteOwner();
    }
  }

  private void deleteOwner() {
    try {
      Files.deleteIfExists(owner);
    } catch (IOException e) {
      // a stale owner file without its directory is removed by a later run
    }
  }

  private static Path ownerFile(Path staging) {
    return staging.resolveSibling(staging.getFileName() + ".owner");
  }

  /**
   * Deletes the staging directories (and owner files) of {@code target} whose owner is provably
   * dead; returns their names.
   */
  static List<String> reapStale(Path target) {
    Pattern ownerName =
        Pattern.compile(Pattern.quote(target.getFileName().toString()) + "\\.tmp-\\d+\\.owner");
    List<String> reaped = new ArrayList<>();
    try (Stream<Path> siblings = Files.list(target.getParent())) {
      List<Path> owners =
          siblings.filter(p -> ownerName.matcher(p.getFileName().toString()).matches()).toList();
      for (Path owner : owners) {
        String name = owner.getFileName().toString();
        Path dir = owner.resolveSibling(name.substring(0, name.length() - ".owner".length()));
        Optional<OwnerProcess> process;
        try {
          process = OwnerProcess.parse(Files.readString(owner));
        } catch (IOException | RuntimeException unreadable) {
          continue;
        }
        if (process.isPresent()
            && process.get().isDeadOnThisHost()
            && FileTrees.deleteQuietly(dir)) {
          Files.deleteIfExists(owner);
          reaped.add(dir.getFileName().toString());
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: what is left is tried again by the next run
    }
    return reaped;
  }

  /** Moves {@code staging} to {@code target}, replacing what was there only once all is written. */
  private static void replace(Path target, Path staging) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = target.resolveSibling(target.getFileName() + ".old-" + System.nanoTime());
      Files.move(target, old);
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, target);
    } catch (IOException e) {
      if (old != null) {
        Files.move(old, target);
      }
      throw e;
    }
    FileTrees.deleteQuietly(old);
  }
}
