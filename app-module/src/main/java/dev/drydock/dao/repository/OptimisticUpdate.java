package dev.drydock.dao.repository;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.trueCondition;

import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.error.StatementKind;
import java.time.OffsetDateTime;
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
 * The optimistic update of a versioned table, in one statement:
 *
 * <pre>{@code
 * with upd as (
 *   update t set <changes>, lock_version = lock_version + 1, updated_at = current_timestamp
 *   where id = ? and lock_version = ? returning *)
 * select upd.*, cur.lock_version
 * from (select lock_version from t where id = ?) cur left join upd on true
 * }</pre>
 *
 * <p>The sub-select {@code cur} reads the statement's snapshot (PostgreSQL evaluates all parts of a
 * statement with data-modifying CTEs on one snapshot), so the outcome is told apart without a
 * second statement and without a race: no row means the id does not exist (NotFound); a row without
 * {@code upd} means the version was stale (Conflict, with the actual version, or with an unknown
 * one if a concurrent transaction changed the row while this statement waited for it).
 */
final class OptimisticUpdate<R extends UpdatableRecord<R>, K> {

  private final Table<R> table;
  private final TableField<R, K> id;
  private final TableField<R, Integer> version;
  private final TableField<R, OffsetDateTime> updatedAt;
  private final Field<?>[] fields;
  private final RecordReader<R> reader;
  private final ColumnType[] bindings;
  private final ColumnType keyBinding;

  OptimisticUpdate(
      Table<R> table,
      TableField<R, K> id,
      TableField<R, Integer> version,
      TableField<R, OffsetDateTime> updatedAt) {
    this.table = table;
    this.id = id;
    this.version = version;
    this.updatedAt = updatedAt;
    this.fields = table.fields();
    this.reader = fields.length < 64 ? RecordReader.of(table) : null;
    this.bindings = new ColumnType[fields.length];
    for (int i = 0; i < fields.length; i++) {
      bindings[i] = RecordReader.binding(fields[i]);
    }
    this.keyBinding = RecordReader.binding(id);
  }

  /**
   * Writes the changed fields of {@code record} to the row with its id, if the row is still at the
   * record's {@code lock_version}; returns the updated row.
   */
  R update(DSLContext dsl, RenderedSql rendered, R record) {
    K key = record.get(id);
    Integer expected = record.get(version);
    if (key == null || expected == null) {
      throw new IllegalArgumentException(
          "an update needs the " + id.getName() + " and " + version.getName() + " it read");
    }
    if (reader != null && keyBinding != null && DirectStatement.applies(dsl.configuration())) {
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
        return direct(dsl, rendered, key, expected, changed, record);
      }
    }
    Map<Field<?>, Object> changes = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i++) {
      if (writes(record, i)) {
        changes.put(fields[i], record.get(i));
      }
    }
    return viaJooq(dsl, key, expected, changes);
  }

  /** Whether the update writes the record's column {@code i}: changed, and not a managed one. */
  private boolean writes(R record, int i) {
    Field<?> f = fields[i];
    return record.changed(i) && f != id && f != version && f != updatedAt;
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
   * the changed values in column order, the version increment, the id and version for the update,
   * the id for {@code cur}.
   */
  private R direct(
      DSLContext dsl, RenderedSql rendered, K key, int expected, long changed, R record) {
    String sql =
        rendered.get(
            new RenderedSql.Shape("update " + table.getName(), changed),
            () -> dsl.render(statement(dsl, key, expected, changes(changed, record))));
    return DirectStatement.query(
        dsl,
        sql,
        StatementKind.SELECT,
        ps -> {
          int p = 1;
          for (int i = 0; i < fields.length; i++) {
            if ((changed & (1L << i)) != 0) {
              bindings[i].bind(ps, p++, record.get(i));
            }
          }
          ps.setInt(p++, 1);
          keyBinding.bind(ps, p++, key);
          ps.setInt(p++, expected);
          keyBinding.bind(ps, p, key);
        },
        (rs, configuration) -> {
          if (!rs.next()) {
            throw NotFoundException.noRow(table.getName(), key);
          }
          rs.getObject(1);
          if (rs.wasNull()) {
            throw stale(key, expected, rs.getInt(fields.length + 1));
          }
          return reader.read(rs, 1, configuration);
        });
  }

  private StaleVersionException stale(K key, int expected, int actual) {
    return actual == expected
        ? StaleVersionException.unknownActual(table.getName(), key, expected)
        : StaleVersionException.of(table.getName(), key, expected, actual);
  }

  /** The statement of the class comment. */
  private ResultQuery<Record> statement(
      DSLContext dsl, K key, int expected, Map<Field<?>, Object> changes) {
    Map<Field<?>, Object> set = new LinkedHashMap<>(changes);
    set.put(version, version.plus(1));
    set.put(updatedAt, currentOffsetDateTime());
    CommonTableExpression<R> upd =
        name("upd")
            .as(
                dsl.update(table)
                    .set(set)
                    .where(id.eq(key).and(version.eq(expected)))
                    .returning(fields));
    Table<Record1<Integer>> cur = select(version).from(table).where(id.eq(key)).asTable("cur");
    return dsl.with(upd)
        .select(upd.fields())
        .select(cur.field(version))
        .from(cur)
        .leftJoin(upd)
        .on(trueCondition());
  }

  R viaJooq(DSLContext dsl, K key, int expected, Map<Field<?>, Object> changes) {
    Record row = statement(dsl, key, expected, changes).fetchOne();
    if (row == null) {
      throw NotFoundException.noRow(table.getName(), key);
    }
    if (row.get(0) == null) {
      throw stale(key, expected, row.get(fields.length, Integer.class));
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
