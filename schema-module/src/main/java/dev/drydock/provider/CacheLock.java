package dev.drydock.provider;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion for filling the shared cache, across threads of this JVM (a file lock alone is
 * held per JVM and throws on a second thread) and across processes (two builds at once). Used by
 * the binaries, the cluster template and the migration snapshots.
 */
public final class CacheLock {
  private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

  /**
   * The longest wait for the lock: longer than any holder needs (an initdb is bounded at 120 s).
   */
  static final long WAIT_SECONDS = 300;

  private CacheLock() {}

  /** Work that may throw {@link IOException}. */
  public interface Work<T> {
    T run() throws IOException;
  }

  /**
   * Deletes {@code <target>.tmp-*} siblings: staging directories of a filler that was killed. Only
   * call while holding the lock, when no other filler can be running.
   */
  static void deleteStaleStaging(Path target) throws IOException {
    String prefix = target.getFileName() + ".tmp-";
    try (DirectoryStream<Path> siblings =
        Files.newDirectoryStream(target.getParent(), prefix + "*")) {
      for (Path stale : siblings) {
        FileTrees.deleteQuietly(stale);
      }
    }
  }

  /**
   * Runs {@code work} holding the lock {@code lockFile}; waits at most {@value #WAIT_SECONDS} s for
   * it (the operating system releases the lock of a process that died, so only a live holder makes
   * anyone wait), then fails naming the file.
   */
  public static <T> T holding(Path lockFile, Work<T> work) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    try {
      if (!IN_THIS_JVM.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw timeout(lockFile);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while waiting for the cache lock " + lockFile, e);
    }
    try {
      Files.createDirectories(lockFile.getParent());
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = acquire(channel, lockFile, deadline)) {
        return work.run();
      }
    } finally {
      IN_THIS_JVM.unlock();
    }
  }

  private static FileLock acquire(FileChannel channel, Path lockFile, long deadline)
      throws IOException {
    while (true) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() > deadline) {
        throw timeout(lockFile);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting for the cache lock " + lockFile, e);
      }
    }
  }

  private static IOException timeout(Path lockFile) {
    return new IOException(
        "Waited "
            + WAIT_SECONDS
            + " s for the cache lock "
            + lockFile
            + ", held by another Drydock process; retry when it is done, or give this build"
            + " its own cache (DRYDOCK_CACHE)");
  }
}
