package dev.drydock.provider;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion for filling the shared cache, across threads of this JVM (a file lock alone is
 * held per JVM and throws on a second thread) and across processes (two builds at once). Used by
 * the binaries, the cluster template and the migration snapshots.
 */
public final class CacheLock {
  private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

  private CacheLock() {}

  /** Work that may throw {@link IOException}. */
  public interface Work<T> {
    T run() throws IOException;
  }

  /**
   * Deletes {@code <target>.tmp-*} siblings: staging directories of a filler that was killed. Only
   * call while holding the lock, when no other filler can be running.
   */
  public static void deleteStaleStaging(Path target) throws IOException {
    String prefix = target.getFileName() + ".tmp-";
    try (DirectoryStream<Path> siblings =
        Files.newDirectoryStream(target.getParent(), prefix + "*")) {
      for (Path stale : siblings) {
        FileTrees.deleteQuietly(stale);
      }
    }
  }

  public static <T> T holding(Path lockFile, Work<T> work) throws IOException {
    IN_THIS_JVM.lock();
    try {
      Files.createDirectories(lockFile.getParent());
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        return work.run();
      }
    } finally {
      IN_THIS_JVM.unlock();
    }
  }
}
