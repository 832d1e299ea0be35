package dev.drydock.dao.repository;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.trueCondition;

import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.error.StatementKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;

/**
 * The optimistic update of a versioned table ({@link TableModel#version()}), in one statement:
 *
 * <pre>{@code
 * with upd as (
 *   update t set <changes>, <version> = <version> + 1, <timestamp> = current_timestamp
 *   where <key> = ? and <version> = ? returning *)
 * select upd.*, cur.<version>
 * from (select <version> from t where <key> = ?) cur left join upd on true
 * }</pre>
 *
 * <p>The sub-select {@code cur} reads the statement's snapshot (PostgreSQL evaluates all parts of a
 * statement with data-modifying CTEs on one snapshot), so the outcome is told apart without a
 * second statement and without a race: no row means the id does not exist (NotFound); a row without
 * {@code upd} means the version was stale (Conflict, with the actual version, or with an unknown
 * one if a concurrent transaction changed the row while this statement waited for it).
 */
final class OptimisticUpdate<R extends UpdatableRecord<R>> {

  private final TableModel<R, ?> model;
  private final Table<R> table;
  private final TableField<R, ?>[] key;
  private final TableField<R, ?> version;
  private final Object one;
  private final Field<?> now;
  private final Field<?>[] fields;
  private final RecordReader<R> reader;
  private final ColumnType[] bindings;
  private final ColumnType[] keyBindings;
  private final ColumnType versionBinding;

  OptimisticUpdate(TableModel<R, ?> model) {
    this.model = model;
    this.table = model.table();
    this.key = model.keyFieldArray();
    this.version = model.version();
    this.one = version.getDataType().convert(1);
    this.now = model.timestamp() == null ? null : TableModel.now(model.timestamp());
    this.fields = table.fields();
    this.reader = fields.length < 64 ? RecordReader.of(table) : null;
    this.bindings = new ColumnType[fields.length];
    for (int i = 0; i < fields.length; i++) {
      bindings[i] = RecordReader.binding(fields[i]);
    }
    this.keyBindings = new ColumnType[key.length];
    boolean keyBindable = true;
    for (int i = 0; i < key.length; i++) {
      keyBindings[i] = RecordReader.binding(key[i]);
      keyBindable &= keyBindings[i] != null;
    }
    ColumnType v = RecordReader.binding(version);
    this.versionBinding = keyBindable ? v : null;
  }

  /**
   * Writes the changed fields of {@code record} to the row with its key, if the row is still at the
   * record's version; returns the updated row.
   */
  R update(DSLContext dsl, RenderedSql rendered, R record) {
    Object[] keyValues = model.recordKey(record, "update");
    long expected = model.expectedVersion(record, "update");
    if (reader != null && versionBinding != null && DirectStatement.applies(dsl.configuration())) {
      // a bit per column to write (the reader exists only for tables of < 64 columns)
      long changed = 0;
      boolean bindable = true;
      for (int i = 0; i < fields.length; i++) {
        if (writes(record, i)) {
          changed |= 1L << i;
          bindable &= bindings[i] != null;
        }
      }
      if (bindable) {
        return direct(dsl, rendered, keyValues, expected, changed, record);
      }
    }
    Map<Field<?>, Object> changes = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i++) {
      if (writes(record, i)) {
        changes.put(fields[i], record.get(i));
      }
    }
    return viaJooq(dsl, keyValues, expected, changes);
  }

  /** Whether the update writes the record's column {@code i}: changed, and not a managed one. */
  private boolean writes(R record, int i) {
    Field<?> f = fields[i];
    if (!record.changed(i) || model.managed(f)) {
      return false;
    }
    for (Field<?> k : key) {
      if (k.equals(f)) {
        return false;
      }
    }
    return true;
  }

  /** The changed columns' values, in the table's column order. */
  private Map<Field<?>, Object> changes(long changed, R record) {
    Map<Field<?>, Object> changes = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i++) {
      if ((changed & (1L << i)) != 0) {
        changes.put(fields[i], record.get(i));
      }
    }
    return changes;
  }

  /**
   * The same statement as {@link #viaJooq}, rendered once per set of changed columns; parameters:
   * the changed values in column order, the version increment, the key and version for the update,
   * the key for {@code cur}.
   */
  private R direct(
      DSLContext dsl,
      RenderedSql rendered,
      Object[] keyValues,
      long expected,
      long changed,
      R record) {
    Object expectedValue = version.getDataType().convert(expected);
    String sql =
        rendered.get(
            new RenderedSql.Shape("update " + table.getName(), changed),
            () -> dsl.render(statement(dsl, keyValues, expectedValue, changes(changed, record))));
    return DirectStatement.query(
        dsl,
        sql,
        StatementKind.UPDATE,
        table.getName(),
        ps -> {
          int p = 1;
          for (int i = 0; i < fields.length; i++) {
            if ((changed & (1L << i)) != 0) {
              bindings[i].bind(ps, p++, record.get(i));
            }
          }
          versionBinding.bind(ps, p++, one);
          for (int k = 0; k < key.length; k++) {
            keyBindings[k].bind(ps, p++, keyValues[k]);
          }
          versionBinding.bind(ps, p++, expectedValue);
          for (int k = 0; k < key.length; k++) {
            keyBindings[k].bind(ps, p++, keyValues[k]);
          }
        },
        (rs, context) -> {
          if (!rs.next()) {
            throw NotFoundException.noRow(table.getName(), model.id(keyValues));
          }
          rs.getObject(1);
          if (rs.wasNull()) {
            throw stale(keyValues, expected, rs.getLong(fields.length + 1));
          }
          return reader.read(rs, 1, context);
        });
  }

  private StaleVersionException stale(Object[] keyValues, long expected, long actual) {
    Object id = model.id(keyValues);
    return actual == expected
        ? StaleVersionException.unknownActual(table.getName(), version.getName(), id, expected)
        : StaleVersionException.of(table.getName(), version.getName(), id, expected, actual);
  }

  /** The statement of the class comment. */
  @SuppressWarnings("unchecked")
  private ResultQuery<Record> statement(
      DSLContext dsl, Object[] keyValues, Object expected, Map<Field<?>, Object> changes) {
    Map<Field<?>, Object> set = new LinkedHashMap<>(changes);
    Field<Object> v = (Field<Object>) version;
    set.put(version, v.plus((Number) one));
    if (now != null) {
      set.put(model.timestamp(), now);
    }
    CommonTableExpression<R> upd =
        name("upd")
            .as(
                dsl.update(table)
                    .set(set)
                    .where(model.keyCondition(keyValues).and(v.eq(expected)))
                    .returning(fields));
    Table<Record1<Object>> cur =
        select(v).from(table).where(model.keyCondition(keyValues)).asTable("cur");
    return dsl.with(upd)
        .select(upd.fields())
        .select(cur.field(v))
        .from(cur)
        .leftJoin(upd)
        .on(trueCondition());
  }

  R viaJooq(DSLContext dsl, Object[] keyValues, long expected, Map<Field<?>, Object> changes) {
    Object expectedValue = version.getDataType().convert(expected);
    Record row = statement(dsl, keyValues, expectedValue, changes).fetchOne();
    if (row == null) {
      throw NotFoundException.noRow(table.getName(), model.id(keyValues));
    }
    if (row.get(0) == null) {
      throw stale(keyValues, expected, row.get(fields.length, Long.class));
    }
    R result = dsl.newRecord(table);
    for (int i = 0; i < fields.length; i++) {
      result.set(fieldAt(i), row.get(i));
    }
    result.changed(false);
    return result;
  }

  @SuppressWarnings("unchecked")
  private Field<Object> fieldAt(int i) {
    return (Field<Object>) fields[i];
  }
}
