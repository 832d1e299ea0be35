package dev.drydock.provider;

import java.util.Locale;

/** Where the throwaway PostgreSQL comes from. */
public enum ProviderKind {
  /**
   * External server if a URL is configured, else Testcontainers if Docker answers, else embedded.
   */
  AUTO,
  /**
   * A given PostgreSQL server: a uniquely named temporary database is created there and dropped.
   */
  EXTERNAL,
  /** A PostgreSQL container started through Testcontainers (needs a Docker engine). */
  TESTCONTAINERS,
  /** PostgreSQL binaries from Maven Central (zonky), started as a child process. The default. */
  EMBEDDED;

  /** Parses a user-supplied name such as {@code embedded} or {@code EXTERNAL}. */
  public static ProviderKind parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown provider '"
              + name
              + "': expected one of auto, embedded, testcontainers, external");
    }
  }
}
