package dev.drydock.spring.drift;

import java.time.Instant;

/**
 * The outcome of one drift check.
 *
 * @param differences how many differences were found (0: no drift)
 * @param text the human-readable report, one line per difference
 * @param checkedAt when the check finished
 */
public record DriftReport(int differences, String text, Instant checkedAt) {

  /** Whether the database differs from its migrations. */
  public boolean hasDrift() {
    return differences > 0;
  }
}
