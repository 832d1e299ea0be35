package dev.drydock.lint;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** What lint reads from the live database, with read-only queries in a read-only transaction. */
final class LiveFacts {

  private static final String RELATIONS =
      "SELECT n.nspname || '.' || c.relname, pg_total_relation_size(c.oid),"
          + " c.reltuples::bigint,"
          + " coalesce(s.n_tup_ins + s.n_tup_upd + s.n_tup_del, 0)"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid"
          + " WHERE c.relkind IN ('r', 'p', 'm', 'i', 'S')"
          + " AND n.nspname || '.' || c.relname = ANY (?)";

  private LiveFacts() {}

  /** The relations named {@code schema.name} that the live database has. */
  static Map<String, LiveRelation> relations(Connection live, Collection<String> names)
      throws SQLException {
    Map<String, LiveRelation> found = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return found;
    }
    readOnly(live);
    try (PreparedStatement ps = live.prepareStatement(RELATIONS)) {
      Array array = live.createArrayOf("text", names.toArray());
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.put(
              rs.getString(1),
              new LiveRelation(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return found;
  }

  /** The {@code lock_timeout} a session of this user starts with, in milliseconds. */
  static long lockTimeout(Connection live) throws SQLException {
    readOnly(live);
    try (Statement st = live.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT setting::bigint FROM pg_settings WHERE name = 'lock_timeout'")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static void readOnly(Connection live) throws SQLException {
    if (!live.isReadOnly()) {
      live.setReadOnly(true);
    }
  }
}
