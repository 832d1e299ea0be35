package dev.drydock.dao.repository;

import static org.jooq.impl.DSL.defaultValue;
import static org.jooq.impl.DSL.val;

import dev.drydock.dao.error.StatementKind;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Batch insert as multi-row {@code INSERT ... VALUES (...), (...) RETURNING *}: one round trip per
 * chunk, and every inserted row comes back with its database defaults. A field a record did not set
 * is written as {@code DEFAULT}.
 *
 * <p>When every record sets every column (the common case), the statement runs on the direct path
 * ({@link DirectStatement}): jOOQ renders the one-row form once, and the n-row form repeats its
 * {@code VALUES} row; otherwise jOOQ builds and renders each chunk.
 */
final class MultiRowInsert<R extends TableRecord<R>> {

  /** Rows per statement, well below PostgreSQL's 65535 bind parameters. */
  static final int CHUNK = 1000;

  private static final String VALUES = " values ";
  private static final String RETURNING = " returning ";

  private final Table<R> table;
  private final List<Field<?>> columns;
  private final int[] columnIndexes;
  private final ColumnType[] bindings;
  private final RecordReader<R> reader;
  private final RenderedSql.Shape shape;

  MultiRowInsert(Table<R> table, List<Field<?>> columns) {
    this.table = table;
    this.columns = List.copyOf(columns);
    this.columnIndexes = new int[columns.size()];
    this.bindings = new ColumnType[columns.size()];
    boolean bindable = true;
    for (int c = 0; c < columns.size(); c++) {
      columnIndexes[c] = table.indexOf(columns.get(c));
      bindings[c] = RecordReader.binding(columns.get(c));
      bindable &= bindings[c] != null && columnIndexes[c] >= 0;
    }
    this.reader = bindable ? RecordReader.of(table) : null;
    long mask = 0;
    for (int index : columnIndexes) {
      mask |= index < 64 ? 1L << index : 0;
    }
    this.shape = new RenderedSql.Shape("insert " + table.getName() + " rows", mask);
  }

  /**
   * The columns of table {@code table} that some record of {@code records} sets, in table order.
   */
  static <R extends TableRecord<R>> List<Field<?>> setColumns(Table<R> table, List<R> records) {
    Field<?>[] fields = table.fields();
    boolean[] set = new boolean[fields.length];
    for (R r : records) {
      for (int i = 0; i < fields.length; i++) {
        set[i] |= r.changed(i);
      }
    }
    List<Field<?>> columns = new ArrayList<>(fields.length);
    for (int i = 0; i < fields.length; i++) {
      if (set[i]) {
        columns.add(fields[i]);
      }
    }
    return columns;
  }

  List<R> insert(DSLContext dsl, RenderedSql rendered, List<R> records) {
    List<R> inserted = new ArrayList<>(records.size());
    boolean direct = reader != null && DirectStatement.applies(dsl.configuration());
    for (int from = 0; from < records.size(); from += CHUNK) {
      List<R> chunk = records.subList(from, Math.min(records.size(), from + CHUNK));
      String[] template =
          direct && setsAllColumns(chunk) ? template(dsl, rendered, chunk.get(0)) : null;
      if (template != null) {
        inserted.addAll(direct(dsl, template, chunk));
      } else {
        inserted.addAll(viaJooq(dsl, chunk));
      }
    }
    return inserted;
  }

  private boolean setsAllColumns(List<R> chunk) {
    for (R r : chunk) {
      for (int index : columnIndexes) {
        if (!r.changed(index)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The one-row statement jOOQ renders (for the first record), cut into {@code [head, row, tail]}
   * around its {@code VALUES} row, or {@code null} if it does not have that form.
   */
  private String[] template(DSLContext dsl, RenderedSql rendered, R first) {
    String sql =
        rendered.get(
            shape,
            () -> {
              List<Field<?>> row = new ArrayList<>(columns.size());
              for (Field<?> c : columns) {
                row.add(value(first, c));
              }
              return dsl.render(dsl.insertInto(table).columns(columns).values(row).returning());
            });
    return cut(sql);
  }

  /**
   * A one-row {@code INSERT ... VALUES (...) RETURNING ...} as {@code [head, row, tail]}, or {@code
   * null} if it does not have that form.
   */
  static String[] cut(String sql) {
    int values = sql.indexOf(VALUES);
    int returning = sql.indexOf(RETURNING);
    if (values < 0
        || returning < values + VALUES.length()
        || sql.indexOf(VALUES, values + 1) >= 0) {
      return null;
    }
    return new String[] {
      sql.substring(0, values + VALUES.length()),
      sql.substring(values + VALUES.length(), returning),
      sql.substring(returning)
    };
  }

  /** The n-row statement from the one-row template, as jOOQ renders it. */
  static String multiRow(String[] template, int rows) {
    StringBuilder sql =
        new StringBuilder(
            template[0].length() + rows * (template[1].length() + 2) + template[2].length());
    sql.append(template[0]);
    for (int r = 0; r < rows; r++) {
      if (r > 0) {
        sql.append(", ");
      }
      sql.append(template[1]);
    }
    return sql.append(template[2]).toString();
  }

  private List<R> direct(DSLContext dsl, String[] template, List<R> chunk) {
    return DirectStatement.query(
        dsl,
        multiRow(template, chunk.size()),
        StatementKind.INSERT,
        table.getName(),
        ps -> {
          int p = 1;
          for (R r : chunk) {
            for (int c = 0; c < columnIndexes.length; c++) {
              bindings[c].bind(ps, p++, r.get(columnIndexes[c]));
            }
          }
        },
        (rs, context) -> {
          List<R> rows = new ArrayList<>(chunk.size());
          while (rs.next()) {
            rows.add(reader.read(rs, 1, context));
          }
          return rows;
        });
  }

  private List<R> viaJooq(DSLContext dsl, List<R> chunk) {
    InsertValuesStepN<R> insert = dsl.insertInto(table).columns(columns);
    for (R r : chunk) {
      List<Field<?>> row = new ArrayList<>(columns.size());
      for (Field<?> c : columns) {
        row.add(r.changed(c) ? value(r, c) : defaultValue(c));
      }
      insert = insert.values(row);
    }
    return insert.returning().fetch();
  }

  private static <T> Field<T> value(TableRecord<?> r, Field<T> c) {
    return val(r.get(c), c);
  }
}
