package dev.drydock.studio;

import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.Detail;
import dev.drydock.introspect.Introspector;
import dev.drydock.introspect.ObjectKind;
import dev.drydock.studio.StudioSchema.Check;
import dev.drydock.studio.StudioSchema.Column;
import dev.drydock.studio.StudioSchema.EnumType;
import dev.drydock.studio.StudioSchema.ForeignKey;
import dev.drydock.studio.StudioSchema.Index;
import dev.drydock.studio.StudioSchema.Key;
import dev.drydock.studio.StudioSchema.Policy;
import dev.drydock.studio.StudioSchema.Relation;
import dev.drydock.studio.StudioSchema.RelationKind;
import dev.drydock.studio.StudioSchema.Trigger;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place that reads Drydock's introspection model ({@link Catalog}, {@link DiffResult}) and
 * turns it into the studio's records. Nothing else in the studio knows the catalog's attribute
 * names.
 */
public final class SchemaModel {

  private static final Set<ObjectKind> RELATIONS =
      Set.of(ObjectKind.TABLE, ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW);

  /** Kinds whose id path starts with the schema and table they are on. */
  private static final Set<ObjectKind> TABLE_PARTS =
      Set.of(
          ObjectKind.TABLE,
          ObjectKind.VIEW,
          ObjectKind.MATERIALIZED_VIEW,
          ObjectKind.COLUMN,
          ObjectKind.CONSTRAINT,
          ObjectKind.INDEX,
          ObjectKind.TRIGGER,
          ObjectKind.POLICY);

  private SchemaModel() {}

  /**
   * The studio's schema: objects from {@code catalog}, key columns as arrays from {@code
   * connection}'s {@code pg_constraint}.
   *
   * @param versionColumn the optimistic-locking column name ({@code lock_version})
   */
  public static StudioSchema from(Catalog catalog, Connection connection, String versionColumn) {
    KeyCatalog keys = KeyCatalog.load(connection);
    List<EnumType> enums = new ArrayList<>();
    for (CatalogObject o : catalog.objects().values()) {
      if (o.kind() == ObjectKind.ENUM) {
        enums.add(
            new EnumType(
                o.id().path().get(0),
                o.id().localName(),
                Names.literals(o.attribute(Attribute.VALUES))));
      }
    }
    List<Relation> relations = new ArrayList<>();
    for (CatalogObject o : catalog.objects().values()) {
      if (RELATIONS.contains(o.kind())) {
        relations.add(relation(catalog, keys, o, enums, versionColumn));
      }
    }
    return new StudioSchema(List.copyOf(catalog.schemas()), relations, enums);
  }

  /**
   * Introspects {@code connection} (the same introspection as {@code drydock diff}) and builds the
   * studio's schema.
   *
   * @param schemas the schemas to show; empty for every non-system schema
   */
  public static StudioSchema load(
      Connection connection,
      Collection<String> schemas,
      String historyTable,
      String versionColumn) {
    return from(
        Introspector.configure().historyTable(historyTable).build().load(connection, schemas),
        connection,
        versionColumn);
  }

  /** The differences of a {@code diff} run, one record each, with the table each is on. */
  public static List<DriftReport.Item> drift(DiffResult result) {
    List<DriftReport.Item> out = new ArrayList<>();
    for (Difference d : result.differences()) {
      List<String> path = d.id().path();
      boolean onTable = TABLE_PARTS.contains(d.objectKind()) && path.size() >= 2;
      out.add(
          new DriftReport.Item(
              d.objectKind().label(),
              d.objectName(),
              d.change().name().toLowerCase(java.util.Locale.ROOT),
              d.attribute() == null ? null : d.attribute().key(),
              d.expected(),
              d.actual(),
              onTable ? path.get(0) : null,
              onTable ? path.get(1) : null));
    }
    return out;
  }

  private static Relation relation(
      Catalog catalog,
      KeyCatalog keys,
      CatalogObject table,
      List<EnumType> enums,
      String versionColumn) {
    String schema = table.id().path().get(0);
    String name = table.id().localName();
    List<CatalogObject> columnObjects = new ArrayList<>();
    List<String> primaryKey = List.of();
    List<Key> uniques = new ArrayList<>();
    List<ForeignKey> foreignKeys = new ArrayList<>();
    List<Check> checks = new ArrayList<>();
    List<Index> indexes = new ArrayList<>();
    List<Trigger> triggers = new ArrayList<>();
    List<Policy> policies = new ArrayList<>();
    for (CatalogObject child : catalog.children(table.id())) {
      String childName = child.id().localName();
      switch (child.kind()) {
        case COLUMN -> columnObjects.add(child);
        case CONSTRAINT -> {
          String type = child.attribute(Attribute.TYPE);
          String definition = child.attribute(Attribute.DEFINITION);
          var key = keys.key(schema, name, childName);
          switch (type) {
            case "PRIMARY KEY" ->
                primaryKey = key.map(KeyCatalog.KeyColumns::columns).orElse(List.of());
            case "UNIQUE" ->
                uniques.add(
                    new Key(
                        childName,
                        key.map(KeyCatalog.KeyColumns::columns).orElse(List.of()),
                        definition));
            case "FOREIGN KEY" ->
                key.ifPresent(
                    k ->
                        foreignKeys.add(
                            new ForeignKey(
                                childName,
                                k.columns(),
                                k.referencedSchema(),
                                k.referencedTable(),
                                k.referencedColumns(),
                                child.attribute(Attribute.ON_DELETE),
                                child.attribute(Attribute.ON_UPDATE))));
            default -> checks.add(new Check(childName, definition));
          }
        }
        case INDEX -> indexes.add(new Index(childName, present(child.attributes())));
        case TRIGGER ->
            triggers.add(
                new Trigger(
                    childName,
                    child.attribute(Attribute.DEFINITION),
                    child.attribute(Attribute.ENABLED)));
        case POLICY -> policies.add(new Policy(childName, present(child.attributes())));
        default -> {}
      }
    }
    columnObjects.sort(Comparator.comparingInt(c -> Integer.parseInt(c.detail(Detail.POSITION))));
    List<Column> columns = new ArrayList<>();
    for (CatalogObject c : columnObjects) {
      String type = c.attribute(Attribute.TYPE);
      columns.add(
          new Column(
              c.id().localName(),
              type,
              Boolean.parseBoolean(c.attribute(Attribute.NOT_NULL)),
              c.attribute(Attribute.DEFAULT),
              c.attribute(Attribute.IDENTITY),
              c.attribute(Attribute.GENERATED),
              c.attribute(Attribute.COMMENT),
              enumValues(type, schema, enums)));
    }
    RelationKind kind =
        switch (table.kind()) {
          case VIEW -> RelationKind.VIEW;
          case MATERIALIZED_VIEW -> RelationKind.MATERIALIZED_VIEW;
          default -> RelationKind.TABLE;
        };
    String version =
        columns.stream().anyMatch(c -> c.name().equals(versionColumn)) ? versionColumn : null;
    return new Relation(
        schema,
        name,
        kind,
        table.attribute(Attribute.COMMENT),
        columns,
        primaryKey,
        version,
        uniques,
        foreignKeys,
        checks,
        indexes,
        triggers,
        policies,
        table.attribute(Attribute.DEFINITION));
  }

  private static List<String> enumValues(String type, String schema, List<EnumType> enums) {
    if (type == null || type.endsWith("]")) {
      return List.of();
    }
    List<String> parts = Names.identifiers(type);
    for (EnumType e : enums) {
      boolean match =
          parts.size() == 2
              ? e.schema().equals(parts.get(0)) && e.name().equals(parts.get(1))
              : parts.size() == 1
                  && e.name().equals(parts.get(0))
                  && (e.schema().equals(schema) || e.schema().equals("public"));
      if (match) {
        return e.values();
      }
    }
    return List.of();
  }

  private static Map<String, String> present(Map<Attribute, String> attributes) {
    Map<String, String> out = new LinkedHashMap<>();
    attributes.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k.key(), v);
          }
        });
    return out;
  }
}
