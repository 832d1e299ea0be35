package dev.drydock.dao.repository;

import static org.jooq.impl.DSL.defaultValue;
import static org.jooq.impl.DSL.val;

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
 */
final class MultiRowInsert<R extends TableRecord<R>> {

  /** Rows per statement, well below PostgreSQL's 65535 bind parameters. */
  static final int CHUNK = 1000;

  private final Table<R> table;
  private final List<Field<?>> columns;

  MultiRowInsert(Table<R> table, List<Field<?>> columns) {
    this.table = table;
    this.columns = List.copyOf(columns);
  }

  List<R> insert(DSLContext dsl, List<R> records) {
    List<R> inserted = new ArrayList<>(records.size());
    for (int from = 0; from < records.size(); from += CHUNK) {
      List<R> chunk = records.subList(from, Math.min(records.size(), from + CHUNK));
      InsertValuesStepN<R> insert = dsl.insertInto(table).columns(columns);
      for (R r : chunk) {
        List<Field<?>> row = new ArrayList<>(columns.size());
        for (Field<?> c : columns) {
          row.add(r.changed(c) ? value(r, c) : defaultValue(c));
        }
        insert = insert.values(row);
      }
      inserted.addAll(insert.returning().fetch());
    }
    return inserted;
  }

  private static <T> Field<T> value(TableRecord<?> r, Field<T> c) {
    return val(r.get(c), c);
  }
}
