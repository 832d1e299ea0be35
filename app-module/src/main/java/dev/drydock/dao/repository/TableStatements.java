package dev.drydock.dao.repository;

import dev.drydock.dao.error.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.UniqueKey;
import org.jooq.UpdatableRecord;

/**
 * The hot statements of one table, on the direct path where it applies ({@link DirectStatement}:
 * SQL rendered by jOOQ once per shape, run with JDBC, rows read straight into records) and through
 * jOOQ otherwise: insert returning the row, multi-row insert, find by a unique key, and update
 * (optimistic when the table is versioned). Built once per table and shared by every context the
 * repository is used with ({@code using(tx)}); thread-safe.
 *
 * <p>The engine of {@code dev.drydock.dao.TableRepository}; applications use that class.
 */
public final class TableStatements<R extends UpdatableRecord<R>> {

  /** Rows per multi-row INSERT statement, well below PostgreSQL's 65535 bind parameters. */
  public static final int ROWS_PER_STATEMENT = MultiRowInsert.CHUNK;

  private final TableModel<R, ?> model;
  private final RenderedSql rendered = new RenderedSql();
  private final InsertReturning<R> insert;
  private final OptimisticUpdate<R> optimistic;
  private final Map<UniqueKey<R>, FindByKey<R>> finders = new ConcurrentHashMap<>();
  private final Map<List<Field<?>>, MultiRowInsert<R>> multiRow = new ConcurrentHashMap<>();
  private final List<ChildrenJoin<R, ?>> children = new CopyOnWriteArrayList<>();

  public TableStatements(TableModel<R, ?> model) {
    this.model = model;
    this.insert = new InsertReturning<>(model.table());
    this.optimistic = model.version() == null ? null : new OptimisticUpdate<>(model);
  }

  public TableModel<R, ?> model() {
    return model;
  }

  /** {@code INSERT ... RETURNING *} of the fields {@code record} set: the row with its defaults. */
  public R insert(DSLContext dsl, R record) {
    return insert.insert(dsl, rendered, record);
  }

  /**
   * Multi-row {@code INSERT ... RETURNING *} of the columns any record sets (a record that did not
   * set one writes {@code DEFAULT}), 1,000 rows a statement; the rows in the order given.
   */
  public List<R> insertAll(DSLContext dsl, List<R> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    List<Field<?>> columns = MultiRowInsert.setColumns(model.table(), records);
    if (columns.isEmpty()) {
      List<R> inserted = new ArrayList<>(records.size());
      for (R r : records) {
        inserted.add(insert(dsl, r));
      }
      return inserted;
    }
    return multiRow
        .computeIfAbsent(columns, c -> new MultiRowInsert<>(model.table(), c))
        .insert(dsl, rendered, records);
  }

  /** The row whose {@code key} columns hold {@code values} (checked by the caller). */
  public Optional<R> find(DSLContext dsl, UniqueKey<R> key, Object[] values) {
    return finders
        .computeIfAbsent(key, k -> new FindByKey<>(model.table(), k.getFieldsArray()))
        .find(dsl, rendered, values);
  }

  /**
   * The row with primary key {@code key} and the rows of {@code foreignKey}'s table that reference
   * it, ordered by their primary key, in one statement ({@link ChildrenJoin}); {@code result} makes
   * the pair into what the caller returns.
   *
   * @throws IllegalArgumentException if {@code foreignKey} does not reference this table
   */
  @SuppressWarnings("unchecked")
  public <C extends TableRecord<C>, T> Optional<T> findWithChildren(
      DSLContext dsl, ForeignKey<C, R> foreignKey, Object[] key, BiFunction<R, List<C>, T> result) {
    // by identity: a jOOQ key's equals and hashCode cost more than the read itself
    for (ChildrenJoin<R, ?> join : children) {
      if (join.foreignKey() == foreignKey) {
        return ((ChildrenJoin<R, C>) join).find(dsl, rendered, key, result);
      }
    }
    if (!model.table().equals(foreignKey.getKey().getTable())) {
      throw new IllegalArgumentException(
          "findWithChildren of "
              + model.table().getName()
              + ": foreign key "
              + foreignKey.getName()
              + " references "
              + foreignKey.getKey().getTable().getName());
    }
    ChildrenJoin<R, C> join = new ChildrenJoin<>(model, foreignKey);
    children.add(join);
    return join.find(dsl, rendered, key, result);
  }

  /**
   * Writes the fields changed on {@code record} to its row and returns the row: the one-statement
   * optimistic update ({@link OptimisticUpdate}) when the table has a version column, else {@code
   * UPDATE ... RETURNING *} (touching the timestamp column, if any).
   *
   * @throws NotFoundException if no row has the record's key
   */
  public R update(DSLContext dsl, R record) {
    if (optimistic != null) {
      return optimistic.update(dsl, rendered, record);
    }
    Object[] key = model.recordKey(record, "update");
    Map<Field<?>, Object> set = new LinkedHashMap<>();
    Field<?>[] fields = model.table().fields();
    for (int i = 0; i < fields.length; i++) {
      if (record.changed(i) && !model.managed(fields[i]) && !model.isKey(fields[i])) {
        set.put(fields[i], record.get(i));
      }
    }
    TableField<R, ?> timestamp = model.timestamp();
    if (set.isEmpty()) {
      // nothing to write: the row as it is
      return find(dsl, model.primaryKey(), key)
          .orElseThrow(() -> NotFoundException.noRow(model.table().getName(), model.id(key)));
    }
    if (timestamp != null) {
      set.put(timestamp, model.touched());
    }
    return dsl.update(model.table())
        .set(set)
        .where(model.keyCondition(key))
        .returning()
        .fetchOptional()
        .orElseThrow(() -> NotFoundException.noRow(model.table().getName(), model.id(key)));
  }
}
