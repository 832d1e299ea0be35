package dev.drydock.introspect;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/** Triggers and row-level security policies. */
final class TriggerPolicyLoader implements CatalogLoader {

  private static final CatalogSql TRIGGERS = CatalogSql.load("triggers");
  private static final CatalogSql POLICIES = CatalogSql.load("policies");

  @Override
  public void load(CatalogReader r) throws SQLException {
    triggers(r);
    policies(r);
  }

  private static void triggers(CatalogReader r) throws SQLException {
    r.query(
        TRIGGERS,
        rs -> {
          String schema = rs.getString("schema");
          String table = rs.getString("table_name");
          String name = rs.getString("name");
          Map<Attribute, String> a = new EnumMap<>(Attribute.class);
          a.put(Attribute.DEFINITION, rs.getString("ddl"));
          a.put(Attribute.ENABLED, PgCodes.triggerEnabled(rs.getString("enabled")));
          a.put(Attribute.COMMENT, rs.getString("comment"));
          r.add(
              ObjectId.of(ObjectKind.TRIGGER, schema, table, name),
              ObjectId.of(PgCodes.relationKind(rs.getString("table_relkind")), schema, table),
              a,
              Map.of(
                  Detail.TABLE, r.quoting().qualified(schema, table),
                  Detail.QNAME, r.quoting().quote(name),
                  Detail.DDL, rs.getString("ddl")));
        });
  }

  private static void policies(CatalogReader r) throws SQLException {
    r.query(
        POLICIES,
        rs -> {
          String schema = rs.getString("schema");
          String table = rs.getString("table_name");
          Map<Attribute, String> a = new EnumMap<>(Attribute.class);
          a.put(Attribute.COMMAND, rs.getString("command"));
          a.put(Attribute.PERMISSIVE, rs.getBoolean("permissive") ? "PERMISSIVE" : "RESTRICTIVE");
          a.put(Attribute.ROLES, rs.getString("roles"));
          a.put(Attribute.USING, rs.getString("using_expression"));
          a.put(Attribute.WITH_CHECK, rs.getString("with_check"));
          r.add(
              ObjectId.of(ObjectKind.POLICY, schema, table, rs.getString("name")),
              ObjectId.of(ObjectKind.TABLE, schema, table),
              a,
              Map.of(
                  Detail.TABLE, rs.getString("table_qname"), Detail.QNAME, rs.getString("qname")));
        });
  }
}
