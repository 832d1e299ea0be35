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
   * The jOOQ line Drydock's extensions of jOOQ are written against: {@code DrydockPostgresDatabase}
   * carries its columns query (identical from 3.19.29 to 3.19.40) and {@code MemoizingStrategy}
   * implements its {@code GeneratorStrategy} (3.20 added methods to it). On any other line both
   * step aside for jOOQ's own classes.
   */
  public static final String EXTENDED_JOOQ_LINE = "3.19";

  /**
   * The jOOQ line running here ({@code org.jooq.Constants.MINOR_VERSION}, read at run time: the
   * compiled-in constant is the line Drydock was built with, and a project may override jOOQ).
   */
  public static String runningJooqLine() {
    try {
      return String.valueOf(org.jooq.Constants.class.getField("MINOR_VERSION").get(null));
    } catch (ReflectiveOperationException e) {
      return "unknown";
    }
  }

  /** Whether the jOOQ running here is the line Drydock's extensions of it are written against. */
  public static boolean runsExtendedJooqLine() {
    return EXTENDED_JOOQ_LINE.equals(runningJooqLine());
  }

  /**
   * The jOOQ on the class path (a project may override the one Drydock is built with), from its
   * jar's Maven metadata: read without loading a jOOQ class (the up-to-date check stays free of
   * jOOQ), else jOOQ's own constant, read at run time.
   */
  public static String jooq() {
    String version = onClassPath("org.jooq/jooq");
    if (version != null) {
      return version;
    }
    try {
      return String.valueOf(org.jooq.Constants.class.getField("FULL_VERSION").get(null));
    } catch (ReflectiveOperationException e) {
      return "unknown";
    }
  }

  /**
   * The Flyway on the class path (a project may override the one Drydock is built with), from its
   * jar's Maven metadata, else the one Drydock is built with.
   */
  public static String flyway() {
    String version = onClassPath("org.flywaydb/flyway-core");
    return version != null ? version : PROPERTIES.getProperty("flyway.version", "unknown");
  }

  /** The version in {@code META-INF/maven/<groupAndArtifact>/pom.properties}, if there is one. */
  private static String onClassPath(String groupAndArtifact) {
    Properties p = new Properties();
    try (InputStream in =
        ToolVersions.class
            .getClassLoader()
            .getResourceAsStream("META-INF/maven/" + groupAndArtifact + "/pom.properties")) {
      if (in == null) {
        return null;
      }
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      return null;
    }
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
