package dev.drydock.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;

/** Recursive copy and delete of directory trees, as the providers need them. */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes {@code root} and everything below it; returns false if something could not go. */
  public static boolean deleteQuietly(Path root) {
    if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
              if (exc instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Copies the tree {@code from} to {@code to} (which must not exist), keeping permissions. */
  public static void copy(Path from, Path to) throws IOException {
    copy(from, to, relative -> false);
  }

  /**
   * Copies the tree {@code from} to {@code to} (which must not exist), keeping permissions and
   * times, but not what {@code skip} names: it is given each path below {@code from} relative to
   * it, and a directory it skips is skipped whole.
   */
  public static void copy(Path from, Path to, Predicate<Path> skip) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path relative = from.relativize(dir);
            if (!dir.equals(from) && skip.test(relative)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.copy(dir, to.resolve(relative), StandardCopyOption.COPY_ATTRIBUTES);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path relative = from.relativize(file);
            if (!skip.test(relative)) {
              Files.copy(
                  file,
                  to.resolve(relative),
                  StandardCopyOption.COPY_ATTRIBUTES,
                  java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
