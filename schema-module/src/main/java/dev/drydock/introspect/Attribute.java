package dev.drydock.introspect;

import java.util.Locale;

/**
 * The compared properties of catalog objects: the vocabulary shared by the introspector (which
 * writes them), the comparator and the SQL planner (which read them). {@link #key()} is the name
 * shown in reports, e.g. {@code not_null}.
 */
public enum Attribute {
  // every kind
  COMMENT,
  // tables, views, sequences
  PRIVILEGES,
  OPTIONS,
  // enums and domains
  VALUES,
  TYPE,
  NOT_NULL,
  DEFAULT,
  CONSTRAINTS,
  COLLATION,
  // extensions
  SCHEMA,
  // functions and procedures
  RETURNS,
  VOLATILITY,
  STRICT,
  PARALLEL,
  LANGUAGE,
  SECURITY_DEFINER,
  BODY,
  CONFIG,
  // sequences
  START,
  INCREMENT,
  MIN,
  MAX,
  CACHE,
  CYCLE,
  OWNED_BY,
  // relations
  DEFINITION,
  PERSISTENCE,
  ROW_SECURITY,
  FORCE_ROW_SECURITY,
  PARTITION_KEY,
  PARTITION_OF,
  PARTITION_BOUND,
  // columns
  IDENTITY,
  GENERATED,
  // constraints
  COLUMNS,
  REFERENCES,
  ON_DELETE,
  ON_UPDATE,
  MATCH,
  DEFERRABLE,
  VALIDATED,
  // indexes
  METHOD,
  UNIQUE,
  PREDICATE,
  INCLUDE,
  NULLS_NOT_DISTINCT,
  // triggers
  ENABLED,
  // policies
  COMMAND,
  PERMISSIVE,
  ROLES,
  USING,
  WITH_CHECK;

  private final String key = name().toLowerCase(Locale.ROOT);

  /** The name in reports and JSON, e.g. {@code on_delete}. */
  public String key() {
    return key;
  }

  @Override
  public String toString() {
    return key;
  }
}
