package dev.drydock.dao.repository;

import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.trueCondition;

import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.error.StaleVersionException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
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
  }

  /**
   * Writes the changed fields of {@code record} to the row with its id, if the row is still at the
   * record's {@code lock_version}; returns the updated row.
   */
  R update(DSLContext dsl, R record) {
    K key = record.get(id);
    Integer expected = record.get(version);
    if (key == null || expected == null) {
      throw new IllegalArgumentException(
          "an update needs the " + id.getName() + " and " + version.getName() + " it read");
    }
    Map<Field<?>, Object> changes = new LinkedHashMap<>();
    for (Field<?> f : fields) {
      if (record.changed(f) && f != id && f != version && f != updatedAt) {
        changes.put(f, record.get(f));
      }
    }
    return update(dsl, key, expected, changes);
  }

  R update(DSLContext dsl, K key, int expected, Map<Field<?>, Object> changes) {
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
    Field<Integer> current = cur.field(version);
    Record row =
        dsl.with(upd)
            .select(upd.fields())
            .select(current)
            .from(cur)
            .leftJoin(upd)
            .on(trueCondition())
            .fetchOne();
    if (row == null) {
      throw NotFoundException.noRow(table.getName(), key);
    }
    if (row.get(0) == null) {
      int actual = row.get(current);
      throw actual == expected
          ? StaleVersionException.unknownActual(table.getName(), key, expected)
          : StaleVersionException.of(table.getName(), key, expected, actual);
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
