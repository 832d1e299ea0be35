package dev.drydock.spring.drift;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The SQL migrations at Spring resource locations ({@code classpath:db/migration}, possibly inside
 * a jar), copied to a temporary directory for the engine, which reads migrations from files. The
 * directory is deleted by {@link #close()}.
 */
final class ClasspathMigrations implements AutoCloseable {

  private final Path directory;
  private final int count;

  private ClasspathMigrations(Path directory, int count) {
    this.directory = directory;
    this.count = count;
  }

  /** Copies every {@code *.sql} under {@code locations}; fails if there is none. */
  static ClasspathMigrations copy(List<String> locations, ClassLoader classLoader) {
    ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
    Path directory;
    try {
      directory = Files.createTempDirectory("drydock-migrations-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the migrations", e);
    }
    int count = 0;
    try {
      for (String location : locations) {
        String base = location.endsWith("/") ? location : location + "/";
        for (Resource r : resources(resolver, base + "**/*.sql")) {
          String name = r.getFilename();
          if (name == null || !r.isReadable()) {
            continue;
          }
          // versions are unique across locations in Flyway, so file names are too
          try (InputStream in = r.getInputStream()) {
            Files.copy(in, directory.resolve(name));
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
    return new ClasspathMigrations(directory, count);
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
