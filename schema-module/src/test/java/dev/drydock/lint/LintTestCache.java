package dev.drydock.lint;

import java.nio.file.Path;

/**
 * One Drydock cache (binaries, empty clusters) under {@code target/} for all lint tests: each test
 * with a cache of its own would unpack the PostgreSQL binaries again.
 */
public final class LintTestCache {

  private LintTestCache() {}

  public static Path dir() {
    return Path.of("target", "lint-test-cache").toAbsolutePath();
  }
}
