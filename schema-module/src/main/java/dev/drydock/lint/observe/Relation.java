package dev.drydock.lint.observe;

/**
 * A relation in the throwaway database: table, partitioned table, index, materialized view or
 * sequence.
 *
 * @param oid its {@code pg_class} oid on the throwaway (meaningless elsewhere)
 * @param kind {@code pg_class.relkind}
 * @param table for an index, the oid of its table; 0 otherwise
 */
public record Relation(long oid, String schema, String name, char kind, long table) {

  /** {@code schema.name}, quoted only as PostgreSQL would need it. */
  public String qualified() {
    return schema + "." + name;
  }

  public boolean isIndex() {
    return kind == 'i' || kind == 'I';
  }

  public boolean isTable() {
    return kind == 'r' || kind == 'p';
  }

  /** {@code table}, {@code index}, {@code materialized view}, ... */
  public String kindName() {
    return switch (kind) {
      case 'r', 'p' -> "table";
      case 'i', 'I' -> "index";
      case 'm' -> "materialized view";
      case 'S' -> "sequence";
      case 'v' -> "view";
      case 'f' -> "foreign table";
      default -> "relation";
    };
  }
}
