package dev.drydock.diff;

/** How the live database differs from the migrations for one object. */
public enum ChangeKind {
  /** Exists in the live database but not in the migrations. */
  ADDED,
  /** Exists in the migrations but not in the live database. */
  REMOVED,
  /** Exists on both sides; one attribute differs. */
  CHANGED
}
