package dev.drydock.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of Drydock and of the tools it drives, as built (from {@code drydock.properties}). */
public final class ToolVersions {
  private static final Properties PROPERTIES = load();

  private ToolVersions() {}

  public static String drydock() {
    return PROPERTIES.getProperty("version", "unknown");
  }

  /**
   * The jOOQ on the class path, from its jar's Maven metadata: read without loading a jOOQ class
   * (the up-to-date check stays free of jOOQ), else jOOQ's own constant.
   */
  public static String jooq() {
    Properties p = new Properties();
    try (InputStream in =
        ToolVersions.class
            .getClassLoader()
            .getResourceAsStream("META-INF/maven/org.jooq/jooq/pom.properties")) {
      if (in != null) {
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // fall back to the class
    }
    return org.jooq.Constants.FULL_VERSION;
  }

  public static String flyway() {
    return PROPERTIES.getProperty("flyway.version", "unknown");
  }

  public static String postgresBinaries() {
    return PROPERTIES.getProperty("postgres.binaries.version", "unknown");
  }

  /** All of them in one line, part of the generation fingerprint. */
  public static String all() {
    return "drydock="
        + drydock()
        + " jooq="
        + jooq()
        + " flyway="
        + flyway()
        + " postgres-binaries="
        + postgresBinaries();
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in =
        ToolVersions.class.getResourceAsStream("/dev/drydock/drydock.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
