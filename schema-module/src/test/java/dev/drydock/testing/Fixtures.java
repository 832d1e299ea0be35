package dev.drydock.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URISyntaxException;

/** Paths of test fixtures. */
public final class Fixtures {
  private Fixtures() {}

  /** A directory under {@code src/test/resources}. */
  public static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("Missing test resource " + name, e);
    }
  }

  /** The project root (where the parent pom is). */
  public static Path projectRoot() {
    String root = System.getProperty("drydock.project.root");
    return root == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(root);
  }

  /** The Pagila schema dump; fails (never skips) when it is missing. */
  public static Path pagilaSchema() {
    Path file =
        projectRoot().resolve("../shared/corpora/pagila/pagila-schema.sql").normalize();
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          "The Pagila schema is missing: expected "
              + file
              + " (the shared corpora directory beside the project root)");
    }
    return file;
  }
}
