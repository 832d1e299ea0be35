package dev.drydock.studio;

import dev.drydock.studio.StudioSchema.Column;
import dev.drydock.studio.StudioSchema.Relation;
import dev.drydock.studio.StudioSchema.RelationKind;
import java.util.List;
import java.util.Map;

/**
 * Builds the studio's row statements for one relation: every identifier checked against the
 * catalog's columns and quoted, every value bound. Pages are keyset-paginated on (sort column,
 * key), never with OFFSET.
 */
final class RowSql {

  private final Relation relation;

  RowSql(Relation relation) {
    this.relation = relation;
  }

  /** The key a page is ordered and continued by: the primary key, else the row's {@code ctid}. */
  List<String> keyColumns() {
    return relation.primaryKey().isEmpty() ? List.of("ctid") : relation.primaryKey();
  }

  boolean keyset() {
    return relation.kind() == RelationKind.TABLE;
  }

  Column column(String name) {
    return relation
        .column(name)
        .orElseThrow(
            () ->
                new StudioException(
                    400,
                    "bad_request",
                    "Unknown column " + name + " in " + relation.qualifiedName()));
  }

  String type(String keyColumn) {
    return keyColumn.equals("ctid") && relation.primaryKey().isEmpty()
        ? "tid"
        : column(keyColumn).type();
  }

  /**
   * The page query: the display form of every column, then the key values in their display form
   * too, as casting that text back gives the same value (the sort value of the cursor is read for
   * the last row only: {@link #sortValueAt}).
   */
  SqlText page(RowQuery q) {
    SqlText sql = new SqlText().sql("SELECT ");
    if (!keyset()) {
      selectList(sql);
      return sql.sql(" FROM ")
          .sql(table())
          .sql(" LIMIT " + (q.limit() + 1)); // views: the first page only
    }
    selectList(sql);
    for (String key : keyColumns()) {
      sql.sql(", ").sql(display(key, type(key)));
    }
    sql.sql(" FROM ").sql(table());
    String glue = " WHERE ";
    for (Filter f : q.filters()) {
      sql.sql(glue);
      filter(sql, f);
      glue = " AND ";
    }
    if (!q.after().isEmpty()) {
      sql.sql(glue);
      seek(sql, q);
    }
    String dir = q.descending() ? " DESC" : " ASC";
    sql.sql(" ORDER BY ");
    // qualified: a bare name in ORDER BY would mean the output column of that name (the text
    // form); PostgreSQL's NULL order (last ascending, first descending) matches a plain index
    if (q.sortColumn() != null) {
      sql.sql(table() + ".").id(q.sortColumn()).sql(dir).sql(", ");
    }
    sql.sql(
        String.join(
            ", ", keyColumns().stream().map(k -> table() + "." + keyRef(k) + dir).toList()));
    return sql.sql(" LIMIT " + (q.limit() + 1));
  }

  /**
   * The sort column's display value in the row with {@code keyValues} (the page's last row), NULL
   * when longer than {@link RowStore#PREVIEW_CHARS}, and whether it is: read for that one row only,
   * so that sorting by a column of 10 MB values neither reads them all nor carries one in a cursor.
   */
  SqlText sortValueAt(String sortColumn, List<String> keyValues) {
    Column s = column(sortColumn);
    SqlText sql =
        new SqlText()
            .sql(
                "SELECT CASE WHEN length(v) > " + RowStore.PREVIEW_CHARS + " THEN NULL ELSE v END,")
            .sql(" coalesce(length(v) > " + RowStore.PREVIEW_CHARS + ", false) FROM (SELECT ")
            .sql(display(s.name(), s.type()))
            .sql(" AS v FROM ")
            .sql(table());
    keyTuple(sql.sql(" WHERE ("), keyColumns()).sql(") = (");
    return valueTuple(sql, keyColumns(), keyValues).sql(")) AS last_row");
  }

  /** {@code count(*)} under the filters. */
  SqlText count(List<Filter> filters) {
    SqlText sql = new SqlText().sql("SELECT count(*) FROM ").sql(table());
    String glue = " WHERE ";
    for (Filter f : filters) {
      sql.sql(glue);
      filter(sql, f);
      glue = " AND ";
    }
    return sql;
  }

  /**
   * The display form of every column, comma separated, each cut to {@link RowStore#PREVIEW_CHARS} +
   * 1 characters by the server (one more than shown tells that there is more): a 10 MB value is
   * never sent whole to the studio with a page.
   */
  void selectList(SqlText sql) {
    List<Column> columns = relation.columns();
    for (int i = 0; i < columns.size(); i++) {
      sql.sql(i == 0 ? "" : ", ")
          .sql("left(")
          .sql(display(columns.get(i).name(), columns.get(i).type()))
          .sql(", " + (RowStore.PREVIEW_CHARS + 1) + ")");
    }
  }

  /**
   * {@code SELECT} one column's whole display value of the row with {@code key} and its length; the
   * value is NULL when longer than {@link RowStore#MAX_VALUE_CHARS} (never sent to the studio).
   */
  SqlText value(String columnName, Map<String, String> key) {
    Column c = column(columnName);
    SqlText sql =
        new SqlText()
            .sql("SELECT CASE WHEN length(v) > " + RowStore.MAX_VALUE_CHARS + " THEN NULL ELSE v")
            .sql(" END, length(v) FROM (SELECT ")
            .sql(display(c.name(), c.type()))
            .sql(" AS v FROM ")
            .sql(table());
    whereKey(sql, key, null);
    return sql.sql(") AS one_value");
  }

  /** {@code WHERE key = ... [AND version = ...]} for one row. */
  void whereKey(SqlText sql, Map<String, String> key, String expectedVersion) {
    String glue = " WHERE ";
    for (String k : relation.primaryKey()) {
      if (!key.containsKey(k) || key.get(k) == null) {
        throw new StudioException(400, "bad_request", "Missing key column " + k);
      }
      sql.sql(glue).id(k).sql(" = ").value(key.get(k), type(k));
      glue = " AND ";
    }
    if (expectedVersion != null && relation.versionColumn() != null) {
      sql.sql(" AND ")
          .id(relation.versionColumn())
          .sql(" = ")
          .value(expectedVersion, type(relation.versionColumn()));
    }
  }

  String table() {
    return Names.qualified(relation.schema(), relation.name());
  }

  private void filter(SqlText sql, Filter f) {
    Column c = column(f.column());
    String ref = Names.quote(c.name());
    switch (f.operator()) {
      case IS_NULL -> sql.sql(ref + " IS NULL");
      case NOT_NULL -> sql.sql(ref + " IS NOT NULL");
      case CONTAINS ->
          sql.sql("strpos(lower(CAST(" + ref + " AS text)), lower(").text(f.value()).sql(")) > 0");
      default -> sql.sql(ref + " " + f.operator().symbol() + " ").value(f.value(), c.type());
    }
  }

  /**
   * Rows after the cursor in (sort column NULLS LAST, key) order. The cursor is the sort value then
   * the key values; or, when the last row's sort value is too long to carry ({@link
   * RowStore#PREVIEW_CHARS}), the key values only, and the sort value is that row's, looked up
   * here.
   */
  private void seek(SqlText sql, RowQuery q) {
    List<String> keys = keyColumns();
    boolean sorted = q.sortColumn() != null;
    boolean ofRow = sorted && q.after().size() == keys.size();
    int expected = keys.size() + (sorted && !ofRow ? 1 : 0);
    if (q.after().size() != expected) {
      throw new StudioException(
          400, "bad_request", "Cursor needs " + expected + " values, got " + q.after().size());
    }
    String op = q.descending() ? " < " : " > ";
    List<String> keyValues = q.after().subList(sorted && !ofRow ? 1 : 0, q.after().size());
    if (!sorted) {
      keyTuple(sql.sql("("), keys).sql(")" + op + "(");
      valueTuple(sql, keys, keyValues).sql(")");
      return;
    }
    Column s = column(q.sortColumn());
    String ref = Names.quote(s.name());
    String sortValue = ofRow ? null : q.after().get(0);
    java.util.function.Consumer<SqlText> after =
        ofRow
            ? t -> {
              keyTuple(t.sql("(SELECT " + ref + " FROM ").sql(table()).sql(" WHERE ("), keys)
                  .sql(") = (");
              valueTuple(t, keys, keyValues).sql("))");
            }
            : t -> t.value(sortValue, s.type());
    if (s.notNull()) {
      // no NULLs: one row comparison, which an index on the sort column serves
      keyTuple(sql.sql("(" + ref + ", "), keys).sql(")" + op + "(");
      after.accept(sql);
      valueTuple(sql.sql(", "), keys, keyValues).sql(")");
      return;
    }
    // PostgreSQL's orders: ASC puts NULLs last, DESC first (the exact reverse)
    if (sortValue == null && !ofRow) {
      keyTuple(sql.sql("((" + ref + " IS NULL AND ("), keys).sql(")" + op + "(");
      valueTuple(sql, keys, keyValues).sql("))");
      sql.sql(q.descending() ? " OR " + ref + " IS NOT NULL)" : ")");
      return;
    }
    after.accept(sql.sql("(" + ref + op));
    after.accept(sql.sql(" OR (" + ref + " = "));
    sql.sql(" AND (");
    keyTuple(sql, keys).sql(")" + op + "(");
    valueTuple(sql, keys, keyValues).sql("))");
    sql.sql(q.descending() ? ")" : " OR " + ref + " IS NULL)");
  }

  private SqlText keyTuple(SqlText sql, List<String> keys) {
    return sql.sql(String.join(", ", keys.stream().map(this::keyRef).toList()));
  }

  private SqlText valueTuple(SqlText sql, List<String> keys, List<String> values) {
    for (int i = 0; i < keys.size(); i++) {
      if (values.get(i) == null) {
        throw new StudioException(400, "bad_request", "Cursor key value is null");
      }
      sql.sql(i == 0 ? "" : ", ").value(values.get(i), type(keys.get(i)));
    }
    return sql;
  }

  private String keyRef(String key) {
    return type(key).equals("tid") ? "ctid" : Names.quote(key);
  }

  /** jsonb pretty-printed, date/time types as ISO 8601 (JSON's form), the rest as text. */
  private String display(String column, String type) {
    String ref = column.equals("ctid") && type.equals("tid") ? "ctid" : Names.quote(column);
    if (type.equals("json") || type.equals("jsonb")) {
      return "jsonb_pretty(CAST(" + ref + " AS jsonb))";
    }
    if (type.startsWith("timestamp") || type.equals("date") || type.startsWith("time ")) {
      return "(to_json(" + ref + ") #>> '{}')";
    }
    return "CAST(" + ref + " AS text)";
  }
}
