package dev.drydock.spring.drift;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The migration locations at Spring resource locations ({@code classpath:db/migration}, possibly
 * inside a jar), copied to a temporary directory for the engine, which reads migrations from files:
 * each location into its own folder, with its sub-folders and every file in them ({@code .conf}
 * files included), so Flyway resolves the copy as it resolves the original and two {@code
 * afterMigrate.sql} in different folders stay two files. The directory is deleted by {@link
 * #close()}.
 */
final class ClasspathMigrations implements AutoCloseable {

  private final Path directory;
  private final List<Path> locations;
  private final int count;

  private ClasspathMigrations(Path directory, List<Path> locations, int count) {
    this.directory = directory;
    this.locations = List.copyOf(locations);
    this.count = count;
  }

  /** Copies every file under {@code locations}; fails if there is none. */
  static ClasspathMigrations copy(List<String> locations, ClassLoader classLoader) {
    ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
    Path directory;
    try {
      directory = Files.createTempDirectory("drydock-migrations-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the migrations", e);
    }
    int count = 0;
    List<Path> copies = new ArrayList<>();
    try {
      for (String location : locations) {
        String base = location.endsWith("/") ? location : location + "/";
        Path copy = Files.createDirectory(directory.resolve(Integer.toString(copies.size())));
        copies.add(copy);
        List<String> roots = new ArrayList<>();
        for (Resource root : resources(resolver, base)) {
          if (!root.exists()) {
            continue;
          }
          String url = root.getURL().toString();
          roots.add(url.endsWith("/") ? url : url + "/");
        }
        for (Resource r : resources(resolver, base + "**/*")) {
          String url = r.getURL().toString();
          Optional<String> root = roots.stream().filter(url::startsWith).findFirst();
          if (url.endsWith("/") || root.isEmpty() || !r.isReadable()) {
            continue;
          }
          Path target = copy.resolve(url.substring(root.get().length())).normalize();
          if (!target.startsWith(copy) || Files.isDirectory(target)) {
            continue;
          }
          try (InputStream in = r.getInputStream()) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target);
          } catch (IOException directoryEntry) {
            // a folder seen as a resource (some class loaders list them): nothing to copy
            continue;
          }
          count++;
        }
      }
    } catch (IOException e) {
      delete(directory);
      throw new UncheckedIOException(
          "cannot read the migrations at " + locations + ": " + e.getMessage(), e);
    }
    if (count == 0) {
      delete(directory);
      throw new IllegalStateException(
          "drydock.drift-check: no migrations (*.sql) found at " + locations);
    }
    return new ClasspathMigrations(directory, copies, count);
  }

  /** The resources matching {@code pattern}; none when its root does not exist. */
  private static Resource[] resources(ResourcePatternResolver resolver, String pattern)
      throws IOException {
    try {
      return resolver.getResources(pattern);
    } catch (FileNotFoundException missingRoot) {
      return new Resource[0];
    }
  }

  Path directory() {
    return directory;
  }

  /** One copied folder per location, in the order given: Flyway's locations. */
  List<Path> locations() {
    return locations;
  }

  /** Files copied. */
  int count() {
    return count;
  }

  @Override
  public void close() {
    delete(directory);
  }

  private static void delete(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
