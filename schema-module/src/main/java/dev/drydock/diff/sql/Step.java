package dev.drydock.diff.sql;

/**
 * Where a statement goes within its object kind. The script runs every {@link Phase#DROP} step
 * first, kinds in reverse dependency order, then every {@link Phase#CREATE} step, kinds in
 * dependency order; within a kind, steps run in declaration order. Pairs that PostgreSQL only
 * accepts in one order are declared in that order (a default is dropped before the sequence it
 * uses, an identity before a default is set).
 */
enum Step {
  /** A table, column, index or constraint that differs only by name, renamed. */
  RENAME(Phase.DROP),
  /** {@code OWNED BY NONE} for a sequence that must outlive the table or column being dropped. */
  DETACH_OWNED_SEQUENCE(Phase.DROP),
  /** A column's default, which may use a sequence that is dropped later. */
  DROP_DEFAULT(Phase.DROP),
  /** A column's identity, before a default is set or the column is altered. */
  DROP_IDENTITY(Phase.DROP),
  /** Foreign keys, before the keys they reference. */
  DROP_FOREIGN_KEY(Phase.DROP),
  DROP(Phase.DROP),

  CREATE(Phase.CREATE),
  /** Check constraints, after keys. */
  CREATE_CHECK(Phase.CREATE),
  /** Foreign keys, after the keys they reference. */
  CREATE_FOREIGN_KEY(Phase.CREATE),
  /** Partitions after their parents; indexes of materialized views after the views. */
  CREATE_DEPENDENT(Phase.CREATE),
  /**
   * Routines whose signature or SQL-standard body needs a table or view, placed at that relation's
   * kind, after the relations themselves (see {@link RoutineOrder}).
   */
  CREATE_ROUTINE(Phase.CREATE),
  /** In-place changes: column types, enum values, domain rules, sequence options, schemas. */
  ALTER(Phase.CREATE),
  SET_NOT_NULL(Phase.CREATE),
  SET_DEFAULT(Phase.CREATE),
  /** Identity added or changed, after the default is gone and the column is NOT NULL. */
  SET_IDENTITY(Phase.CREATE),
  SET_EXPRESSION(Phase.CREATE),
  ADD_DOMAIN_CONSTRAINT(Phase.CREATE),
  DETACH_PARTITION(Phase.CREATE),
  ATTACH_PARTITION(Phase.CREATE),
  VALIDATE(Phase.CREATE),
  /** Row-level security, persistence, options reset. */
  TABLE_SETTINGS(Phase.CREATE),
  /** {@code ALTER SEQUENCE ... OWNED BY}, once the owning column exists. */
  OWNED_BY(Phase.CREATE),
  SET_OPTIONS(Phase.CREATE),
  /** Comments and privileges, once the object exists. */
  POST(Phase.CREATE),
  /** {@code -- MANUAL:} notes, last. */
  MANUAL(Phase.CREATE);

  /** The two halves of the script. */
  enum Phase {
    DROP,
    CREATE
  }

  private final Phase phase;

  Step(Phase phase) {
    this.phase = phase;
  }

  Phase phase() {
    return phase;
  }
}
