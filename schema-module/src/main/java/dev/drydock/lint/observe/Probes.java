package dev.drydock.lint.observe;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The read-only queries run on the migration's connection around each statement. */
final class Probes {

  private static final String LOCKS =
      "SELECT relation, mode FROM pg_locks WHERE pid = pg_backend_pid()"
          + " AND locktype = 'relation' AND granted AND relation IS NOT NULL";

  private static final String TIMEOUTS =
      "SELECT name, setting::bigint FROM pg_settings"
          + " WHERE name IN ('lock_timeout', 'statement_timeout')";

  // the current transaction's counts, not yet flushed to the statistics: they include the
  // statement just run (proved per major by the lint tests)
  private static final String SCANS = "SELECT relid, seq_scan FROM pg_stat_xact_user_tables";

  /** A NOT NULL constraint added NOT VALID (PostgreSQL 18+), on a temporary table. */
  static final List<String> NOT_VALID_NOT_NULL =
      List.of(
          "CREATE TEMPORARY TABLE drydock_probe (a int)",
          "ALTER TABLE drydock_probe ADD CONSTRAINT drydock_probe_a NOT NULL a NOT VALID");

  private Probes() {}

  /** What the probes read at one moment. */
  record Point(
      long[] timeouts, Map<Long, LockMode> locks, Map<Long, Long> scans, CatalogState catalog) {}

  /**
   * Every probe at once: the timeouts, locks, scans and catalog, sent as one query text (one round
   * trip; pgjdbc runs its statements in order and returns a result set for each).
   */
  static Point point(Connection c, String historyTable) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(TIMEOUTS + ";\n" + LOCKS + ";\n" + SCANS + ";\n" + CatalogState.QUERIES);
      long[] t = new long[2];
      try (ResultSet rs = st.getResultSet()) {
        while (rs.next()) {
          t[rs.getString(1).equals("lock_timeout") ? 0 : 1] = rs.getLong(2);
        }
      }
      CatalogState.next(st);
      Map<Long, LockMode> held = new HashMap<>();
      try (ResultSet rs = st.getResultSet()) {
        while (rs.next()) {
          LockMode mode = LockMode.fromPg(rs.getString(2));
          held.merge(rs.getLong(1), mode, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
      }
      CatalogState.next(st);
      Map<Long, Long> scans = new HashMap<>();
      try (ResultSet rs = st.getResultSet()) {
        while (rs.next()) {
          scans.put(rs.getLong(1), rs.getLong(2));
        }
      }
      CatalogState.next(st);
      return new Point(t, held, scans, CatalogState.read(st, historyTable));
    }
  }

  /**
   * True when the server runs {@code statements} without an error, in a transaction that is rolled
   * back (nothing is left).
   */
  static boolean accepts(Connection c, List<String> statements) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
      return true;
    } catch (SQLException refused) {
      return false;
    } finally {
      c.rollback();
      c.setAutoCommit(autoCommit);
    }
  }

  static int serverVersion(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static void run(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
