package dev.drydock.studio;

import dev.drydock.studio.DatabaseErrors.Operation;
import dev.drydock.studio.StudioSchema.Column;
import dev.drydock.studio.StudioSchema.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes rows of the live database for the studio, one transaction per call (read only
 * unless the studio was started with {@code --write}). Updates of tables with a version column are
 * optimistic: {@code UPDATE ... SET ..., lock_version = lock_version + 1 WHERE pk = ? AND
 * lock_version = ?}; zero rows is then told apart: stale or gone.
 */
public final class RowStore {

  /** Message of a refused stale edit. */
  public static final String STALE = "changed by someone else since you loaded it";

  /** Above this many estimated rows, counts are the planner's estimate (pg_class.reltuples). */
  static final long EXACT_COUNT_LIMIT = 100_000;

  private final StudioSchema schema;
  private final ConnectionPool pool;

  RowStore(StudioSchema schema, ConnectionPool pool) {
    this.schema = schema;
    this.pool = pool;
  }

  /** The longest value {@code GET /api/value} sends: 32 Mi characters. */
  public static final int MAX_VALUE_CHARS = 32 << 20;

  /** Values longer than this many characters come cut, marked in {@link Page#clipped()}. */
  public static final int PREVIEW_CHARS = 2000;

  /**
   * A page ends after the row that takes its values past this many characters (about 2 to 4 MB of
   * JSON), whatever its row limit; the next page goes on from there.
   */
  public static final int PAGE_CHARS = 1_000_000;

  /**
   * A page of rows: display values (each at most {@link #PREVIEW_CHARS} long), which of them are
   * cut, and the cursor of the next page (null on the last one).
   */
  public record Page(
      List<String> columns, List<List<String>> rows, List<Clipped> clipped, List<String> next) {}

  /** The value in row {@code row} (of the page), column {@code column} is cut: fetch it whole. */
  public record Clipped(int row, int column) {}

  /** A row count; {@code estimated} when it is the planner's estimate. */
  public record RowCount(long value, boolean estimated) {}

  /** One row after a write, in display form. */
  public record Row(Map<String, String> values) {}

  public Page page(RowQuery q) {
    Relation r = relation(q.schema(), q.table());
    RowSql rows = new RowSql(r);
    if (!rows.keyset()
        && (q.sortColumn() != null || !q.filters().isEmpty() || !q.after().isEmpty())) {
      throw new StudioException(
          400, "bad_request", "Views show their first rows only: no sorting, filters or paging");
    }
    if (q.sortColumn() != null) {
      rows.column(q.sortColumn());
    }
    SqlText sql = rows.page(q);
    return run(
        Operation.READ,
        c -> {
          try (PreparedStatement ps = sql.prepare(c, pool.clientTimeoutSeconds())) {
            // a cursor in the transaction: rows come 50 at a time, not the whole page at once
            ps.setFetchSize(50);
            return read(c, ps.executeQuery(), q, rows, r);
          }
        });
  }

  private Page read(Connection c, ResultSet result, RowQuery q, RowSql rows, Relation r)
      throws SQLException {
    try (ResultSet rs = result) {
      int total = rs.getMetaData().getColumnCount();
      int shown = r.columns().size();
      List<String> names = r.columns().stream().map(Column::name).toList();
      List<List<String>> out = new ArrayList<>();
      List<Clipped> clipped = new ArrayList<>();
      List<String> next = null;
      long chars = 0;
      while (rs.next()) {
        if (out.size() == q.limit() || chars > PAGE_CHARS) {
          next = cursor(c, out, shown, rows, q);
          break;
        }
        List<String> row = new ArrayList<>(total);
        for (int i = 1; i <= total; i++) {
          String v = rs.getString(i);
          if (i <= shown && v != null && v.length() > PREVIEW_CHARS) {
            v = v.substring(0, PREVIEW_CHARS);
            clipped.add(new Clipped(out.size(), i - 1));
          }
          chars += v == null ? 4 : v.length() + 4;
          row.add(v);
        }
        out.add(row);
      }
      List<List<String>> visible = new ArrayList<>();
      for (List<String> row : out) {
        visible.add(java.util.Collections.unmodifiableList(row.subList(0, shown)));
      }
      return new Page(names, visible, clipped, next);
    }
  }

  /** The whole display value of one column of the row with {@code key}. */
  public String value(String schemaName, String table, Map<String, String> key, String column) {
    Relation r = relation(schemaName, table);
    if (r.kind() != StudioSchema.RelationKind.TABLE || r.primaryKey().isEmpty()) {
      throw new StudioException(
          400, "bad_request", r.qualifiedName() + " has no primary key: values cannot be fetched");
    }
    SqlText sql = new RowSql(r).value(column, key);
    return run(
        Operation.READ,
        c -> {
          try (PreparedStatement ps = sql.prepare(c, pool.clientTimeoutSeconds());
              ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw new StudioException(404, "not_found", "The row no longer exists");
            }
            long length = rs.getLong(2);
            if (length > MAX_VALUE_CHARS) {
              throw new StudioException(
                  413,
                  "too_large",
                  "The value of "
                      + column
                      + " has "
                      + length
                      + " characters, over the "
                      + MAX_VALUE_CHARS
                      + " the studio sends: read it with psql");
            }
            return rs.getString(1);
          }
        });
  }

  /**
   * The cursor after the page's last row: (sort value, key values) as the query read them; the key
   * values only when the sort value is longer than {@link #PREVIEW_CHARS}.
   */
  private List<String> cursor(
      Connection c, List<List<String>> page, int shown, RowSql rows, RowQuery q)
      throws SQLException {
    if (!rows.keyset()) {
      return null; // views: first page only
    }
    List<String> last = page.get(page.size() - 1);
    List<String> keys = last.subList(shown, shown + rows.keyColumns().size());
    List<String> cursor = new ArrayList<>();
    if (q.sortColumn() != null) {
      try (PreparedStatement ps =
              rows.sortValueAt(q.sortColumn(), keys).prepare(c, pool.clientTimeoutSeconds());
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StudioException(
              409, "stale", "The page's last row was deleted while it was read: load it again");
        }
        if (!rs.getBoolean(2)) {
          cursor.add(rs.getString(1)); // else too long to carry: the next page looks it up
        }
      }
    }
    cursor.addAll(keys);
    return java.util.Collections.unmodifiableList(cursor);
  }

  /** Exact below {@link #EXACT_COUNT_LIMIT} estimated rows, else the planner's estimate. */
  public RowCount count(String schemaName, String table, List<Filter> filters) {
    Relation r = relation(schemaName, table);
    RowSql rows = new RowSql(r);
    return run(
        Operation.READ,
        c -> {
          long estimate = -1;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT c.reltuples::bigint FROM pg_class c WHERE c.oid = to_regclass(?)")) {
            ps.setQueryTimeout(pool.clientTimeoutSeconds());
            ps.setString(1, rows.table());
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                estimate = rs.getLong(1);
              }
            }
          }
          if (estimate >= EXACT_COUNT_LIMIT && filters.isEmpty()) {
            return new RowCount(estimate, true);
          }
          try (PreparedStatement ps = rows.count(filters).prepare(c, pool.clientTimeoutSeconds());
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new RowCount(rs.getLong(1), false);
          }
        });
  }

  /** Inserts a row of {@code values} (column to text, null for NULL); absent columns default. */
  public Row insert(String schemaName, String table, Map<String, String> values) {
    Relation r = writable(schemaName, table);
    RowSql rows = new RowSql(r);
    SqlText sql = new SqlText().sql("INSERT INTO ").sql(rows.table());
    List<String> names = new ArrayList<>(values.keySet());
    names.forEach(n -> checkWritable(rows.column(n)));
    if (names.isEmpty()) {
      sql.sql(" DEFAULT VALUES");
    } else {
      sql.sql(" (").sql(String.join(", ", names.stream().map(Names::quote).toList()));
      sql.sql(") VALUES (");
      for (int i = 0; i < names.size(); i++) {
        sql.sql(i == 0 ? "" : ", ")
            .value(values.get(names.get(i)), rows.column(names.get(i)).type());
      }
      sql.sql(")");
    }
    sql.sql(" RETURNING ");
    rows.selectList(sql);
    return run(Operation.INSERT, c -> returning(c, sql, r));
  }

  /**
   * Updates the row with {@code key}. With a version column, {@code expectedVersion} (the version
   * the page loaded) is required and checked in the same statement.
   */
  public Row update(
      String schemaName,
      String table,
      Map<String, String> key,
      Map<String, String> values,
      String expectedVersion) {
    Relation r = writable(schemaName, table);
    RowSql rows = new RowSql(r);
    String version = r.versionColumn();
    if (version != null && expectedVersion == null) {
      throw new StudioException(
          400, "bad_request", "Updates of " + r.qualifiedName() + " need the loaded " + version);
    }
    List<String> names = new ArrayList<>(values.keySet());
    names.remove(version);
    if (names.isEmpty()) {
      throw new StudioException(400, "bad_request", "Nothing to update");
    }
    names.forEach(n -> checkWritable(rows.column(n)));
    SqlText sql = new SqlText().sql("UPDATE ").sql(rows.table()).sql(" SET ");
    for (int i = 0; i < names.size(); i++) {
      sql.sql(i == 0 ? "" : ", ").id(names.get(i)).sql(" = ");
      sql.value(values.get(names.get(i)), rows.column(names.get(i)).type());
    }
    if (version != null) {
      sql.sql(", ").id(version).sql(" = ").id(version).sql(" + 1");
    }
    rows.whereKey(sql, key, expectedVersion);
    sql.sql(" RETURNING ");
    rows.selectList(sql);
    return run(
        Operation.UPDATE,
        c -> {
          Row row = returning(c, sql, r);
          return row != null ? row : refuse(c, rows, key, version);
        });
  }

  /** Deletes the row with {@code key} (checking the version when the table has one). */
  public void delete(
      String schemaName, String table, Map<String, String> key, String expectedVersion) {
    Relation r = writable(schemaName, table);
    RowSql rows = new RowSql(r);
    SqlText sql = new SqlText().sql("DELETE FROM ").sql(rows.table());
    rows.whereKey(sql, key, expectedVersion);
    run(
        Operation.DELETE,
        c -> {
          try (PreparedStatement ps = sql.prepare(c, pool.clientTimeoutSeconds())) {
            if (ps.executeUpdate() == 0) {
              refuse(c, rows, key, expectedVersion == null ? null : r.versionColumn());
            }
          }
          return null;
        });
  }

  /** Zero rows changed: the row is gone (404), or its version moved on (409, stale). */
  private Row refuse(Connection c, RowSql rows, Map<String, String> key, String version)
      throws SQLException {
    SqlText exists = new SqlText().sql("SELECT 1 FROM ").sql(rows.table());
    rows.whereKey(exists, key, null);
    try (PreparedStatement ps = exists.prepare(c, pool.clientTimeoutSeconds());
        ResultSet rs = ps.executeQuery()) {
      if (rs.next() && version != null) {
        throw new StudioException(409, "stale", "Not saved: the row was " + STALE, null, null);
      }
    }
    throw new StudioException(
        404, "not_found", "Not saved: the row no longer exists (deleted by someone else?)");
  }

  private Row returning(Connection c, SqlText sql, Relation r) throws SQLException {
    try (PreparedStatement ps = sql.prepare(c, pool.clientTimeoutSeconds());
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < r.columns().size(); i++) {
        values.put(r.columns().get(i).name(), rs.getString(i + 1));
      }
      return new Row(values);
    }
  }

  private Relation relation(String schemaName, String table) {
    return schema
        .relation(schemaName, table)
        .orElseThrow(
            () ->
                new StudioException(
                    404, "not_found", "No table or view " + schemaName + "." + table));
  }

  private Relation writable(String schemaName, String table) {
    if (pool.readOnly()) {
      throw new StudioException(
          403, "read_only", "The studio is read-only: start it with --write to edit rows");
    }
    Relation r = relation(schemaName, table);
    if (r.kind() != StudioSchema.RelationKind.TABLE || r.primaryKey().isEmpty()) {
      throw new StudioException(
          400, "bad_request", r.qualifiedName() + " has no primary key: rows cannot be edited");
    }
    return r;
  }

  private static void checkWritable(Column c) {
    if (!c.writable()) {
      throw new StudioException(
          400, "bad_request", "Column " + c.name() + " is generated and cannot be written");
    }
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** One transaction: committed when {@code work} returns, rolled back when it throws. */
  private <T> T run(Operation operation, Work<T> work) {
    Connection c = pool.borrow();
    boolean broken = false;
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      broken = rollback(c) || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
      throw DatabaseErrors.translate(e, operation);
    } catch (RuntimeException e) {
      broken = rollback(c);
      throw e;
    } finally {
      pool.release(c, broken);
    }
  }

  /** Rolls back; true when even that failed (the connection is then dropped). */
  private static boolean rollback(Connection c) {
    try {
      c.rollback();
      return false;
    } catch (SQLException e) {
      return true;
    }
  }
}
