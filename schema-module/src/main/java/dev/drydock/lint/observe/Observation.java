package dev.drydock.lint.observe;

import java.util.List;

/**
 * The new migrations as applied on the throwaway, with what existed before them.
 *
 * @param existing the catalog before the first new migration: only these relations count, since a
 *     table created by a new migration is empty and unused when production runs it
 * @param serverVersion the throwaway's {@code server_version_num}, e.g. {@code 170006}
 * @param migrations the new migrations in the order Flyway applied them
 * @param notValidNotNull true when the throwaway accepted {@code ADD CONSTRAINT ... NOT NULL col
 *     NOT VALID} (tried on a temporary table, rolled back): then {@code SET NOT NULL} has a safe
 *     form without a helper {@code CHECK} (PostgreSQL 18 has it; observed, not assumed)
 */
public record Observation(
    CatalogState existing,
    int serverVersion,
    List<ObservedMigration> migrations,
    boolean notValidNotNull) {

  public Observation {
    migrations = List.copyOf(migrations);
  }

  /** The major version, e.g. 17. */
  public int major() {
    return serverVersion / 10000;
  }

  /** True when the relation existed before the new migrations. */
  public boolean existed(long oid) {
    return existing.relation(oid) != null;
  }
}
