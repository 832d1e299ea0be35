package dev.drydock.introspect;

import java.util.Locale;

/**
 * The kinds of database object Drydock introspects and compares. The declaration order is the
 * creation (dependency) order: an object never depends on a kind declared after it, so the SQL
 * renderer creates in this order and drops in the reverse order.
 */
public enum ObjectKind {
  SCHEMA("schema", "Schemas"),
  EXTENSION("extension", "Extensions"),
  ENUM("enum", "Enum types"),
  DOMAIN("domain", "Domains"),
  FUNCTION("function", "Functions"),
  PROCEDURE("procedure", "Procedures"),
  SEQUENCE("sequence", "Sequences"),
  TABLE("table", "Tables"),
  COLUMN("column", "Columns"),
  CONSTRAINT("constraint", "Constraints"),
  INDEX("index", "Indexes"),
  VIEW("view", "Views"),
  MATERIALIZED_VIEW("materialized view", "Materialized views"),
  TRIGGER("trigger", "Triggers"),
  POLICY("policy", "Row-level security policies");

  private final String label;
  private final String plural;

  ObjectKind(String label, String plural) {
    this.label = label;
    this.plural = plural;
  }

  /** Human name, e.g. {@code materialized view}. */
  public String label() {
    return label;
  }

  /** Heading for grouped output, e.g. {@code Materialized views}. */
  public String plural() {
    return plural;
  }

  /** Stable machine name used in JSON, e.g. {@code materialized_view}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
