package dev.drydock.dao.repository;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.UpdatableRecord;

/**
 * The order of a keyset-paginated list: the caller's sort fields, then, unless they cover a unique
 * key, the primary key columns not among them (ascending), so that the order is total; jOOQ's
 * {@code SEEK} turns a cursor into the predicate. The cursor is a record of the sort columns'
 * values in the last row of a page.
 */
public final class Keyset<R extends UpdatableRecord<R>> {

  private final TableModel<R, ?> model;
  private final List<SortField<?>> sort;
  private final Field<?>[] columns;

  private Keyset(TableModel<R, ?> model, List<SortField<?>> sort, Field<?>[] columns) {
    this.model = model;
    this.sort = sort;
    this.columns = columns;
  }

  /**
   * The keyset of {@code orderBy} plus the primary key.
   *
   * @throws IllegalArgumentException if a sort field is not a column of the table
   */
  public static <R extends UpdatableRecord<R>> Keyset<R> of(
      TableModel<R, ?> model, SortField<?>... orderBy) {
    List<SortField<?>> sort = new ArrayList<>();
    List<Field<?>> columns = new ArrayList<>();
    for (SortField<?> s : orderBy) {
      Field<?> f = s.$field();
      if (model.table().field(f) == null) {
        throw new IllegalArgumentException(
            "page of "
                + model.table().getName()
                + ": "
                + f.getName()
                + " is not one of its columns");
      }
      sort.add(s);
      columns.add(model.table().field(f));
    }
    if (!coversUniqueKey(model, columns)) {
      for (TableField<R, ?> k : model.keyFields()) {
        if (!columns.contains(k)) {
          sort.add(k.asc());
          columns.add(k);
        }
      }
    }
    return new Keyset<>(model, List.copyOf(sort), columns.toArray(Field<?>[]::new));
  }

  /** Whether {@code columns} hold all columns of a unique key: then the order is total already. */
  private static boolean coversUniqueKey(TableModel<?, ?> model, List<Field<?>> columns) {
    for (UniqueKey<?> key : model.table().getKeys()) {
      if (columns.containsAll(key.getFields())) {
        return true;
      }
    }
    return false;
  }

  /** The ORDER BY. */
  public List<SortField<?>> sort() {
    return sort;
  }

  /** The cursor's values, checked against the sort columns. */
  public Object[] cursorValues(Record cursor) {
    Object[] values = cursor.intoArray();
    model.checkValues(List.of(columns), values, "page");
    return values;
  }

  /** The page of the first {@code limit} of {@code fetched} ({@code limit + 1} rows asked). */
  public Page<R, Record> page(List<R> fetched, int limit) {
    return Pages.of(fetched, limit, r -> r.into(columns));
  }
}
