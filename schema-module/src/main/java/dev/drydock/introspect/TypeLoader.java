package dev.drydock.introspect;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/** Enums and domains. */
final class TypeLoader implements CatalogLoader {

  private static final CatalogSql TYPES = CatalogSql.load("types");

  @Override
  public void load(CatalogReader r) throws SQLException {
    r.query(
        TYPES,
        rs -> {
          String schema = rs.getString("schema");
          boolean isEnum = "e".equals(rs.getString("typtype"));
          Map<Attribute, String> a = new EnumMap<>(Attribute.class);
          a.put(Attribute.COMMENT, rs.getString("comment"));
          if (isEnum) {
            a.put(Attribute.VALUES, rs.getString("enum_values"));
          } else {
            a.put(Attribute.TYPE, rs.getString("base_type"));
            a.put(Attribute.NOT_NULL, Boolean.toString(rs.getBoolean("not_null")));
            a.put(Attribute.DEFAULT, rs.getString("default_value"));
            a.put(Attribute.CONSTRAINTS, rs.getString("constraints"));
            a.put(Attribute.COLLATION, rs.getString("collation"));
          }
          r.add(
              ObjectId.of(
                  isEnum ? ObjectKind.ENUM : ObjectKind.DOMAIN, schema, rs.getString("name")),
              ObjectId.of(ObjectKind.SCHEMA, schema),
              a,
              Map.of(Detail.QNAME, rs.getString("qname")));
        });
  }
}
