package dev.drydock.introspect;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/** Indexes of tables and materialized views that no constraint owns. */
final class IndexLoader implements CatalogLoader {

  private static final CatalogSql INDEXES = CatalogSql.load("indexes");

  @Override
  public void load(CatalogReader r) throws SQLException {
    r.query(
        INDEXES,
        rs -> {
          String schema = rs.getString("schema");
          String table = rs.getString("table_name");
          String name = rs.getString("name");
          String ddl = rs.getString("ddl");
          String method = rs.getString("method");
          Map<Attribute, String> a = new EnumMap<>(Attribute.class);
          a.put(Attribute.METHOD, method);
          a.put(Attribute.UNIQUE, Boolean.toString(rs.getBoolean("is_unique")));
          a.put(Attribute.COLUMNS, PgText.keyList(ddl, method));
          a.put(Attribute.PREDICATE, rs.getString("predicate"));
          a.put(Attribute.INCLUDE, rs.getString("include"));
          a.put(
              Attribute.NULLS_NOT_DISTINCT, Boolean.toString(rs.getBoolean("nulls_not_distinct")));
          a.put(Attribute.COMMENT, rs.getString("comment"));
          r.add(
              ObjectId.of(ObjectKind.INDEX, schema, table, name),
              ObjectId.of(PgCodes.relationKind(rs.getString("table_relkind")), schema, table),
              a,
              Map.of(Detail.QNAME, r.quoting().qualified(schema, name), Detail.DDL, ddl));
        });
  }
}
