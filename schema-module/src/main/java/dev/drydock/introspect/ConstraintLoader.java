package dev.drydock.introspect;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/** Table constraints: primary keys, unique, exclusion, check and foreign keys. */
final class ConstraintLoader implements CatalogLoader {

  private static final CatalogSql CONSTRAINTS = CatalogSql.load("constraints");

  @Override
  public void load(CatalogReader r) throws SQLException {
    r.query(
        CONSTRAINTS,
        rs -> {
          String schema = rs.getString("schema");
          String table = rs.getString("table_name");
          ConstraintType type = PgCodes.constraintType(rs.getString("contype"));
          Map<Attribute, String> a = new EnumMap<>(Attribute.class);
          a.put(Attribute.TYPE, type.sql());
          if (type == ConstraintType.FOREIGN_KEY) {
            a.put(Attribute.COLUMNS, rs.getString("columns"));
            a.put(
                Attribute.REFERENCES,
                r.quoting()
                        .qualified(
                            rs.getString("referenced_schema"), rs.getString("referenced_table"))
                    + "("
                    + rs.getString("referenced_columns")
                    + ")");
            a.put(Attribute.ON_DELETE, PgCodes.referentialAction(rs.getString("on_delete")));
            a.put(Attribute.ON_UPDATE, PgCodes.referentialAction(rs.getString("on_update")));
            a.put(Attribute.MATCH, PgCodes.match(rs.getString("match")));
            a.put(
                Attribute.DEFERRABLE,
                PgCodes.deferrable(rs.getBoolean("deferrable"), rs.getBoolean("deferred")));
            a.put(Attribute.VALIDATED, Boolean.toString(rs.getBoolean("validated")));
          } else {
            a.put(Attribute.DEFINITION, rs.getString("definition"));
          }
          a.put(Attribute.COMMENT, rs.getString("comment"));
          r.add(
              ObjectId.of(ObjectKind.CONSTRAINT, schema, table, rs.getString("name")),
              ObjectId.of(ObjectKind.TABLE, schema, table),
              a,
              Map.of(
                  Detail.TABLE, r.quoting().qualified(schema, table),
                  Detail.QNAME, r.quoting().quote(rs.getString("name")),
                  Detail.DDL, rs.getString("definition")));
        });
  }
}
