package dev.drydock.diff;

import java.util.List;
import java.util.Optional;

/**
 * What {@link MigrationsComparison#compare} found, and how: the differences and the PostgreSQL each
 * side ran.
 *
 * @param result the migrations' schema (expected) against the live database's (actual)
 * @param expectedVersion the version the migrations' schema was made on, e.g. {@code 15.14}; empty
 *     when unknown
 * @param liveVersion the live server's {@code server_version}, e.g. {@code 15.14}
 * @param source where the migrations' schema came from, e.g. {@code the catalog kept with their
 *     snapshot} or {@code embedded PostgreSQL 15.14 from snapshot V1..V3, 0 migration(s) applied}
 * @param millis how long introspecting and comparing took
 */
public record Comparison(
    DiffResult result,
    Optional<String> expectedVersion,
    String liveVersion,
    String source,
    long millis) {

  /** Whether both sides are known to run the same major. */
  public boolean sameMajor() {
    return expectedVersion.map(v -> major(v).equals(major(liveVersion))).orElse(false);
  }

  /**
   * The line a report starts with when the majors differ (or are not known to be the same), else
   * empty.
   */
  public Optional<String> mismatch() {
    if (sameMajor()) {
      return Optional.empty();
    }
    return Optional.of(
        "PostgreSQL versions differ: the migrations ran on "
            + expectedVersion.orElse("an unknown version")
            + ", the live database runs "
            + liveVersion
            + "; server-deparsed text of the live side was re-read on the throwaway"
            + " (see Not compared)");
  }

  /**
   * What this comparison could not compare besides what no comparison does: with majors that
   * differ, the server-deparsed text that was not re-read on the throwaway.
   */
  public List<String> alsoNotCompared() {
    return sameMajor() ? List.of() : List.of(CrossMajor.NOT_RE_READ);
  }

  /**
   * {@code label} with the version the migrations ran on, e.g. {@code migrations (PostgreSQL
   * 15.14)}.
   */
  public String expectedLabel(String label) {
    return label + expectedVersion.map(v -> " (PostgreSQL " + v + ")").orElse("");
  }

  /** {@code label} with the live server's version. */
  public String liveLabel(String label) {
    return label + " (PostgreSQL " + liveVersion + ")";
  }

  private static String major(String version) {
    int dot = version.indexOf('.');
    String head = dot < 0 ? version : version.substring(0, dot);
    return head.replaceAll("[^0-9].*", "");
  }
}
