package dev.drydock.studio;

import dev.drydock.studio.SchemaModel.DriftItem;
import java.util.List;

/**
 * What the page shows about drift: nothing when the studio was started without {@code
 * --migrations}, else the differences between the migrations and the live database.
 *
 * @param enabled whether migrations were given
 * @param expected where the migrations came from, e.g. {@code migrations in migrations}
 */
public record DriftReport(boolean enabled, String expected, List<DriftItem> differences) {

  public DriftReport {
    differences = List.copyOf(differences);
  }

  public static DriftReport none() {
    return new DriftReport(false, null, List.of());
  }

  public boolean drift() {
    return !differences.isEmpty();
  }
}
