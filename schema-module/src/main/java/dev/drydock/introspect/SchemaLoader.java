package dev.drydock.introspect;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/** Schemas and extensions. */
final class SchemaLoader implements CatalogLoader {

  private static final CatalogSql SCHEMAS = CatalogSql.load("schemas");
  private static final CatalogSql EXTENSIONS = CatalogSql.load("extensions");

  @Override
  public void load(CatalogReader r) throws SQLException {
    r.query(
        SCHEMAS,
        rs -> {
          Map<Attribute, String> a = new EnumMap<>(Attribute.class);
          a.put(Attribute.COMMENT, rs.getString("comment"));
          r.add(
              ObjectId.of(ObjectKind.SCHEMA, rs.getString("name")),
              null,
              a,
              Map.of(Detail.QNAME, rs.getString("qname")));
        });
    r.query(
        EXTENSIONS,
        rs -> {
          String schema = rs.getString("schema");
          Map<Attribute, String> a = new EnumMap<>(Attribute.class);
          a.put(Attribute.SCHEMA, schema);
          ObjectId parent =
              r.schemas().contains(schema) ? ObjectId.of(ObjectKind.SCHEMA, schema) : null;
          r.add(
              ObjectId.of(ObjectKind.EXTENSION, rs.getString("name")),
              parent,
              a,
              Map.of(Detail.QNAME, rs.getString("qname"), Detail.QSCHEMA, rs.getString("qschema")));
        });
  }
}
