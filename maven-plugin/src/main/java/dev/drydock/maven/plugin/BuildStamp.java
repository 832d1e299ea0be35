package dev.drydock.maven.plugin;

import dev.drydock.marker.ListingStamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The stamp of a {@code generate} execution: SHA-256 over everything that can change the engine's
 * output, read with JDK classes only. Equal stamps mean the engine would compute an equal
 * fingerprint, so the thin plugin answers "up to date" when the output's marker holds this stamp
 * (the engine writes it there when the plugin runs it). What it covers:
 *
 * <ul>
 *   <li>Drydock's version and the dependencies declared on the plugin (the user's jOOQ, Flyway,
 *       driver or binaries versions, which the engine runs with);
 *   <li>every parameter of the goal as evaluated ({@code <generator>}'s XML included), but {@code
 *       force} and {@code skip}; the project's base directory;
 *   <li>the Flyway config file's bytes (the explicit one, else both default names in the base
 *       directory, present or not) and the {@code FLYWAY_*} environment variables;
 *   <li>the {@code jooq.codegen.*} system properties, which jOOQ's code generator reads besides its
 *       configuration (a {@code -Djooq.codegen.target.locale}, {@code jooq.codegen.skip}, ...);
 *   <li>the migration locations: every file's relative path and bytes ({@link ListingStamp}).
 * </ul>
 *
 * It covers more than the engine's fingerprint does (a README beside the migrations, the provider):
 * a different stamp only means "run the engine", which asks Flyway and restamps when the
 * fingerprint is the same.
 */
record BuildStamp(
    String drydockVersion,
    List<String> dependencies,
    Map<String, String> parameters,
    Path basedir,
    List<Path> flywayConfigFiles,
    Map<String, String> environment,
    Map<String, String> systemProperties,
    List<Path> locations) {

  /** What every system property jOOQ's code generator reads starts with (the engine's own rule). */
  static final String JOOQ_PROPERTY_PREFIX = "jooq.codegen.";

  BuildStamp {
    dependencies = List.copyOf(dependencies);
    parameters = new TreeMap<>(parameters);
    flywayConfigFiles = List.copyOf(flywayConfigFiles);
    TreeMap<String, String> flyway = new TreeMap<>();
    for (Map.Entry<String, String> e : environment.entrySet()) {
      if (e.getKey().startsWith("FLYWAY_")) {
        flyway.put(e.getKey(), e.getValue());
      }
    }
    environment = flyway;
    TreeMap<String, String> jooq = new TreeMap<>();
    for (Map.Entry<String, String> e : systemProperties.entrySet()) {
      if (e.getKey().startsWith(JOOQ_PROPERTY_PREFIX)) {
        jooq.put(e.getKey(), e.getValue());
      }
    }
    systemProperties = jooq;
    locations = List.copyOf(locations);
  }

  /** The Flyway config files the engine may read: the given one, else the two default names. */
  static List<Path> flywayConfigFiles(Path basedir, Path explicit) {
    return explicit != null
        ? List.of(explicit)
        : List.of(basedir.resolve("flyway.toml"), basedir.resolve("flyway.conf"));
  }

  /** The stamp; empty when an input cannot be read (then the engine is asked). */
  Optional<String> value() {
    StringBuilder text = new StringBuilder("drydock-maven-plugin stamp 1\n");
    line(text, "drydock", drydockVersion);
    for (String d : dependencies) {
      line(text, "dependency", d);
    }
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      line(text, "parameter " + p.getKey(), p.getValue());
    }
    line(text, "basedir", basedir.toAbsolutePath().normalize().toString());
    for (Path file : flywayConfigFiles) {
      Optional<String> bytes = digest(file);
      if (bytes == null) {
        return Optional.empty();
      }
      line(text, "flywayConfigFile " + file, bytes.orElse("absent"));
    }
    for (Map.Entry<String, String> e : environment.entrySet()) {
      line(text, "environment " + e.getKey(), e.getValue());
    }
    for (Map.Entry<String, String> p : systemProperties.entrySet()) {
      line(text, "systemProperty " + p.getKey(), p.getValue());
    }
    return ListingStamp.of(locations, text.toString());
  }

  /** Length-prefixed, so no value can forge another line. */
  private static void line(StringBuilder text, String key, String value) {
    String v = Objects.toString(value, "<null>");
    text.append(key).append(' ').append(v.length()).append(':').append(v).append('\n');
  }

  /** SHA-256 of the file's bytes; empty when it is not there; null when it cannot be read. */
  private static Optional<String> digest(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      return Optional.of(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    } catch (IOException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
