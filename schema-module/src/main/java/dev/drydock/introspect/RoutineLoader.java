package dev.drydock.introspect;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/** Functions and procedures, identified by signature. */
final class RoutineLoader implements CatalogLoader {

  private static final CatalogSql FUNCTIONS = CatalogSql.load("functions");

  @Override
  public void load(CatalogReader r) throws SQLException {
    r.query(
        FUNCTIONS,
        rs -> {
          String schema = rs.getString("schema");
          boolean procedure = "p".equals(rs.getString("prokind"));
          Map<Attribute, String> a = new EnumMap<>(Attribute.class);
          if (!procedure) {
            a.put(Attribute.RETURNS, rs.getString("returns"));
            a.put(Attribute.VOLATILITY, PgCodes.volatility(rs.getString("volatility")));
            a.put(Attribute.STRICT, Boolean.toString(rs.getBoolean("strict")));
            a.put(Attribute.PARALLEL, PgCodes.parallel(rs.getString("parallel")));
          }
          a.put(Attribute.LANGUAGE, rs.getString("language"));
          a.put(Attribute.SECURITY_DEFINER, Boolean.toString(rs.getBoolean("security_definer")));
          a.put(Attribute.BODY, PgText.normaliseWhitespace(rs.getString("body")));
          a.put(Attribute.CONFIG, rs.getString("config"));
          a.put(Attribute.COMMENT, rs.getString("comment"));
          r.add(
              ObjectId.of(
                  procedure ? ObjectKind.PROCEDURE : ObjectKind.FUNCTION,
                  schema,
                  rs.getString("name") + "(" + rs.getString("arguments") + ")"),
              ObjectId.of(ObjectKind.SCHEMA, schema),
              a,
              details(rs));
        });
  }

  private static Map<Detail, String> details(ResultSet rs) throws SQLException {
    Map<Detail, String> d = new EnumMap<>(Detail.class);
    d.put(Detail.QNAME, rs.getString("qname"));
    d.put(Detail.DDL, rs.getString("ddl"));
    String dependsOn = rs.getString("depends_on");
    if (dependsOn != null) {
      d.put(Detail.DEPENDS_ON, dependsOn);
    }
    return d;
  }
}
