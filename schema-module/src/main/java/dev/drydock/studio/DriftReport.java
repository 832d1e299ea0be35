package dev.drydock.studio;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the page shows about drift: nothing when the studio was started without {@code
 * --migrations}, else the differences between the migrations and the live database. This is the
 * studio's whole drift input: whatever computes the comparison hands the studio one of these.
 *
 * @param enabled whether migrations were given
 * @param expected where the migrations came from, e.g. {@code migrations in migrations}
 */
public record DriftReport(boolean enabled, String expected, List<Item> differences) {

  public DriftReport {
    differences = List.copyOf(differences);
  }

  public static DriftReport none() {
    return new DriftReport(false, null, List.of());
  }

  /** True when the database differs from the migrations (sent to the page as {@code drift}). */
  @JsonProperty("drift")
  public boolean drift() {
    return !differences.isEmpty();
  }

  /**
   * One difference between the migrations (expected) and the live database (actual).
   *
   * @param kind e.g. {@code column}
   * @param object the dotted name, e.g. {@code public.users.email}
   * @param change {@code added}, {@code removed} or {@code changed} (in the live database)
   * @param schema the schema of the table (or view) the difference is in or on; null when it is on
   *     no table (an enum, a function...)
   * @param table that table's name, or null
   */
  public record Item(
      String kind,
      String object,
      String change,
      String attribute,
      String expected,
      String actual,
      String schema,
      String table) {}
}
