package dev.drydock.studio;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The studio's own view of a database schema: small records built by {@link SchemaModel#from}, sent
 * to the browser as JSON and used to name every identifier in a row query (nothing in SQL is ever
 * taken from request text).
 */
public record StudioSchema(List<String> schemas, List<Relation> relations, List<EnumType> enums) {

  public StudioSchema {
    schemas = List.copyOf(schemas);
    relations = List.copyOf(relations);
    enums = List.copyOf(enums);
  }

  /** The table, view or materialized view {@code schema.name}, if introspected. */
  public Optional<Relation> relation(String schema, String name) {
    return relations.stream()
        .filter(r -> r.schema().equals(schema) && r.name().equals(name))
        .findFirst();
  }

  /** What a relation is; only tables are edited. */
  public enum RelationKind {
    TABLE,
    VIEW,
    MATERIALIZED_VIEW
  }

  /**
   * A table or view.
   *
   * @param primaryKey the primary key's columns, empty when there is none (or for views)
   * @param versionColumn the optimistic-locking column ({@code lock_version}), or null
   */
  public record Relation(
      String schema,
      String name,
      RelationKind kind,
      String comment,
      List<Column> columns,
      List<String> primaryKey,
      String versionColumn,
      List<Key> uniqueKeys,
      List<ForeignKey> foreignKeys,
      List<Check> checks,
      List<Index> indexes,
      List<Trigger> triggers,
      List<Policy> policies,
      String definition) {

    public Relation {
      columns = List.copyOf(columns);
      primaryKey = List.copyOf(primaryKey);
      uniqueKeys = List.copyOf(uniqueKeys);
      foreignKeys = List.copyOf(foreignKeys);
      checks = List.copyOf(checks);
      indexes = List.copyOf(indexes);
      triggers = List.copyOf(triggers);
      policies = List.copyOf(policies);
    }

    public Optional<Column> column(String columnName) {
      return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public String qualifiedName() {
      return schema + "." + name;
    }
  }

  /**
   * A column.
   *
   * @param type the SQL type as the server spells it ({@code format_type}), used in casts
   * @param identity {@code ALWAYS}, {@code BY DEFAULT} or null
   * @param generated the generation expression of a generated column, or null
   * @param enumValues the labels when the type is an enum, else empty
   */
  public record Column(
      String name,
      String type,
      boolean notNull,
      String defaultValue,
      String identity,
      String generated,
      String comment,
      List<String> enumValues) {

    public Column {
      enumValues = List.copyOf(enumValues);
    }

    /** Identity ALWAYS and generated columns cannot be written. */
    public boolean writable() {
      return generated == null && !"ALWAYS".equals(identity);
    }
  }

  /** A primary or unique key. */
  public record Key(String name, List<String> columns, String definition) {
    public Key {
      columns = List.copyOf(columns);
    }
  }

  /** A foreign key, with the referenced table's columns in the same order. */
  public record ForeignKey(
      String name,
      List<String> columns,
      String referencedSchema,
      String referencedTable,
      List<String> referencedColumns,
      String onDelete,
      String onUpdate) {
    public ForeignKey {
      columns = List.copyOf(columns);
      referencedColumns = List.copyOf(referencedColumns);
    }
  }

  /** A check or exclusion constraint. */
  public record Check(String name, String definition) {}

  public record Index(String name, Map<String, String> properties) {
    public Index {
      properties = Map.copyOf(properties);
    }
  }

  public record Trigger(String name, String definition, String enabled) {}

  public record Policy(String name, Map<String, String> properties) {
    public Policy {
      properties = Map.copyOf(properties);
    }
  }

  public record EnumType(String schema, String name, List<String> values) {
    public EnumType {
      values = List.copyOf(values);
    }
  }
}
