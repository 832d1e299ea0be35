package dev.drydock.snapshot;

import java.time.Instant;

/**
 * One saved cluster in the cache: the state after the first {@code versionedCount} versioned
 * migrations ({@code firstVersion} to {@code lastVersion}), or after everything ({@link
 * Kind#FINAL}, repeatables and callbacks included).
 *
 * @param identity the binaries and initdb options it runs on
 * @param key the chained hash of what was applied
 * @param location the first migration location it was made from, for people reading the list
 * @param sizeBytes its size on disk
 * @param lastUsed when it was last saved or started from
 */
public record Snapshot(
    String identity,
    String key,
    Kind kind,
    int versionedCount,
    String firstVersion,
    String lastVersion,
    int repeatableCount,
    String location,
    long sizeBytes,
    Instant created,
    Instant lastUsed) {

  /** What state a snapshot holds. */
  public enum Kind {
    /** After some versioned migrations, before any repeatable one. */
    PREFIX,
    /** After a complete migrate: every versioned and repeatable migration, callbacks run. */
    FINAL
  }

  /** The migrations it covers, e.g. {@code V1..V200 + 3 repeatable}. */
  public String range() {
    String versioned =
        versionedCount == 0
            ? "no versioned"
            : firstVersion.equals(lastVersion)
                ? "V" + firstVersion
                : "V" + firstVersion + "..V" + lastVersion;
    return versioned + (repeatableCount == 0 ? "" : " + " + repeatableCount + " repeatable");
  }
}
