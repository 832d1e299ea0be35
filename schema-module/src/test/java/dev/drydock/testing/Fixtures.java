package dev.drydock.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

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
}
