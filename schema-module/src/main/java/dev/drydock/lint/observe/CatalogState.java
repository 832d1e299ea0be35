package dev.drydock.lint.observe;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the catalog of the throwaway holds at one moment, outside the system schemas and Flyway's
 * history table: relations with their {@code relfilenode} (a new one means the relation was
 * rewritten), columns and constraints. Read on the migration's own connection, so it sees the
 * migration's uncommitted changes.
 */
public final class CatalogState {

  private static final String USER_SCHEMAS =
      "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
          + " AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

  private static final String RELATIONS =
      "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relfilenode, coalesce(i.indrelid, 0)"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_index i ON i.indexrelid = c.oid"
          + " WHERE c.relkind IN ('r', 'p', 'i', 'I', 'm', 'S', 'v', 'f') AND "
          + USER_SCHEMAS;

  private static final String COLUMNS =
      "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),"
          + " a.atttypid, a.atttypmod, a.attnotnull, a.atthasdef,"
          + " a.attidentity <> '' OR a.attgenerated <> ''"
          + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND "
          + USER_SCHEMAS;

  private static final String CONSTRAINTS =
      "SELECT con.oid, con.conname, con.contype, con.conrelid, con.confrelid, con.convalidated"
          + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
          + USER_SCHEMAS;

  /** A column's key: its table's oid and its number. */
  public record ColumnKey(long table, int number) {}

  private final Map<Long, Relation> relations;
  private final Map<Long, Long> fileNodes;
  private final Map<ColumnKey, Column> columns;
  private final Map<Long, Constraint> constraints;

  CatalogState(
      Map<Long, Relation> relations,
      Map<Long, Long> fileNodes,
      Map<ColumnKey, Column> columns,
      Map<Long, Constraint> constraints) {
    this.relations = Map.copyOf(relations);
    this.fileNodes = Map.copyOf(fileNodes);
    this.columns = Map.copyOf(columns);
    this.constraints = Map.copyOf(constraints);
  }

  /**
   * Reads the state on {@code connection}, leaving out {@code historyTable} (in any schema).
   *
   * @throws SQLException when a catalog query fails
   */
  public static CatalogState read(Connection connection, String historyTable) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(QUERIES);
      return read(st, historyTable);
    }
  }

  /** The three catalog queries as one text, for {@link #read(Statement, String)}. */
  static final String QUERIES = RELATIONS + ";\n" + COLUMNS + ";\n" + CONSTRAINTS;

  /**
   * Reads the state from the result sets of {@link #QUERIES}, the statement's current result set
   * being the first of them; leaves the statement on the last.
   */
  static CatalogState read(Statement st, String historyTable) throws SQLException {
    Map<Long, Relation> relations = new HashMap<>();
    Map<Long, Long> fileNodes = new HashMap<>();
    Map<ColumnKey, Column> columns = new HashMap<>();
    Map<Long, Constraint> constraints = new HashMap<>();
    try (ResultSet rs = st.getResultSet()) {
      while (rs.next()) {
        Relation r =
            new Relation(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4).charAt(0),
                rs.getLong(6));
        relations.put(r.oid(), r);
        fileNodes.put(r.oid(), rs.getLong(5));
      }
    }
    relations
        .values()
        .removeIf(
            r ->
                r.name().equals(historyTable)
                    || (r.isIndex()
                        && r.table() != 0
                        && relations.containsKey(r.table())
                        && relations.get(r.table()).name().equals(historyTable)));
    next(st);
    try (ResultSet rs = st.getResultSet()) {
      while (rs.next()) {
        Column c =
            new Column(
                rs.getLong(1),
                rs.getInt(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getInt(6),
                rs.getBoolean(7),
                rs.getBoolean(8),
                rs.getBoolean(9));
        if (relations.containsKey(c.table())) {
          columns.put(new ColumnKey(c.table(), c.number()), c);
        }
      }
    }
    next(st);
    try (ResultSet rs = st.getResultSet()) {
      while (rs.next()) {
        Constraint c =
            new Constraint(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3).charAt(0),
                rs.getLong(4),
                rs.getLong(5),
                rs.getBoolean(6));
        if (relations.containsKey(c.table())) {
          constraints.put(c.oid(), c);
        }
      }
    }
    return new CatalogState(relations, fileNodes, columns, constraints);
  }

  /** Moves {@code st} to its next result set, which must be one. */
  static void next(Statement st) throws SQLException {
    if (!st.getMoreResults()) {
      throw new SQLException("a probe query returned no rows");
    }
  }

  public Map<Long, Relation> relations() {
    return relations;
  }

  public Relation relation(long oid) {
    return relations.get(oid);
  }

  /** The relation's {@code relfilenode}; null when it does not exist. */
  public Long fileNode(long oid) {
    return fileNodes.get(oid);
  }

  public Map<ColumnKey, Column> columns() {
    return columns;
  }

  public List<Column> columnsOf(long table) {
    return columns.values().stream().filter(c -> c.table() == table).toList();
  }

  public Map<Long, Constraint> constraints() {
    return constraints;
  }

  /** True when the relation's data file changed between {@code before} and this state. */
  public boolean rewroteSince(CatalogState before, long oid) {
    Long was = before.fileNode(oid);
    Long now = fileNode(oid);
    return was != null && now != null && was != 0 && !Objects.equals(was, now);
  }
}
