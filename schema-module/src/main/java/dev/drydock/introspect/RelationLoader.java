package dev.drydock.introspect;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/** Sequences, relations (tables, partitions, views, materialized views) and table columns. */
final class RelationLoader implements CatalogLoader {

  private static final CatalogSql SEQUENCES = CatalogSql.load("sequences");
  private static final CatalogSql RELATIONS = CatalogSql.load("relations");
  private static final CatalogSql COLUMNS = CatalogSql.load("columns");

  @Override
  public void load(CatalogReader r) throws SQLException {
    sequences(r);
    relations(r);
    columns(r);
  }

  private static void sequences(CatalogReader r) throws SQLException {
    r.query(
        SEQUENCES,
        rs -> {
          String schema = rs.getString("schema");
          Map<Attribute, String> a = new EnumMap<>(Attribute.class);
          a.put(Attribute.TYPE, rs.getString("type"));
          a.put(Attribute.START, rs.getString("start"));
          a.put(Attribute.INCREMENT, rs.getString("increment"));
          a.put(Attribute.MIN, rs.getString("min"));
          a.put(Attribute.MAX, rs.getString("max"));
          a.put(Attribute.CACHE, rs.getString("cache"));
          a.put(Attribute.CYCLE, Boolean.toString(rs.getBoolean("cycle")));
          a.put(Attribute.OWNED_BY, rs.getString("owned_by"));
          a.put(Attribute.COMMENT, rs.getString("comment"));
          a.put(Attribute.PRIVILEGES, rs.getString("privileges"));
          r.add(
              ObjectId.of(ObjectKind.SEQUENCE, schema, rs.getString("name")),
              ObjectId.of(ObjectKind.SCHEMA, schema),
              a,
              Map.of(Detail.QNAME, r.quoting().qualified(schema, rs.getString("name"))));
        });
  }

  private static void relations(CatalogReader r) throws SQLException {
    r.query(
        RELATIONS,
        rs -> {
          String schema = rs.getString("schema");
          String name = rs.getString("name");
          ObjectKind kind = PgCodes.relationKind(rs.getString("relkind"));
          Map<Attribute, String> a = new EnumMap<>(Attribute.class);
          Map<Detail, String> d = new EnumMap<>(Detail.class);
          d.put(Detail.QNAME, r.quoting().qualified(schema, name));
          a.put(Attribute.OPTIONS, rs.getString("options"));
          a.put(Attribute.COMMENT, rs.getString("comment"));
          a.put(Attribute.PRIVILEGES, rs.getString("privileges"));
          if (kind == ObjectKind.TABLE) {
            a.put(Attribute.PERSISTENCE, PgCodes.persistence(rs.getString("persistence")));
            a.put(Attribute.ROW_SECURITY, Boolean.toString(rs.getBoolean("row_security")));
            a.put(
                Attribute.FORCE_ROW_SECURITY,
                Boolean.toString(rs.getBoolean("force_row_security")));
            a.put(Attribute.PARTITION_KEY, rs.getString("partition_key"));
            a.put(Attribute.PARTITION_OF, rs.getString("partition_of"));
            a.put(Attribute.PARTITION_BOUND, rs.getString("partition_bound"));
          } else {
            String definition = rs.getString("definition");
            a.put(Attribute.DEFINITION, PgText.normaliseWhitespace(definition));
            d.put(Detail.DDL, definition);
          }
          r.add(ObjectId.of(kind, schema, name), ObjectId.of(ObjectKind.SCHEMA, schema), a, d);
        });
  }

  private static void columns(CatalogReader r) throws SQLException {
    r.query(
        COLUMNS,
        rs -> {
          String schema = rs.getString("schema");
          String table = rs.getString("table_name");
          String name = rs.getString("name");
          Map<Attribute, String> a = new EnumMap<>(Attribute.class);
          a.put(Attribute.TYPE, rs.getString("type"));
          a.put(Attribute.NOT_NULL, Boolean.toString(rs.getBoolean("not_null")));
          a.put(Attribute.DEFAULT, rs.getString("default_value"));
          a.put(Attribute.IDENTITY, rs.getString("identity"));
          a.put(Attribute.GENERATED, rs.getString("generated"));
          a.put(Attribute.COLLATION, rs.getString("collation"));
          a.put(Attribute.COMMENT, rs.getString("comment"));
          r.add(
              ObjectId.of(ObjectKind.COLUMN, schema, table, name),
              ObjectId.of(ObjectKind.TABLE, schema, table),
              a,
              Map.of(
                  Detail.TABLE, r.quoting().qualified(schema, table),
                  Detail.QNAME, r.quoting().quote(name),
                  Detail.POSITION, rs.getString("position")));
        });
  }
}
