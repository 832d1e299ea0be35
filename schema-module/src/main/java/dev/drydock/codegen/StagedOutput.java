package dev.drydock.codegen;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 */
final class StagedOutput implements AutoCloseable {

  /** How long the shutdown hook waits for a generator still writing to fail and close. */
  private static final long WRITER_GRACE_SECONDS = 10;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path target;
  private final Path staging;
  private final Object lock = new Object();
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private final Thread hook;
  private boolean cancelled;
  private boolean closed;

  private StagedOutput(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
    this.hook = new Thread(this::abandon, "drydock-codegen-staging-cleanup");
  }

  /**
   * Creates the staging directory beside {@code target} (which need not exist). The hook is
   * registered first, so no moment exists where the directory is there and nothing would delete it.
   */
  static StagedOutput beside(Path target) throws IOException {
    Path parent = target.getParent();
    Files.createDirectories(parent);
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
    }
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
