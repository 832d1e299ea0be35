package dev.drydock.dao;

import static org.jooq.impl.DSL.excluded;

import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.repository.Keyset;
import dev.drydock.dao.repository.Page;
import dev.drydock.dao.repository.PageRequest;
import dev.drydock.dao.repository.TableModel;
import dev.drydock.dao.repository.TableStatements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.UniqueKey;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * A repository for any generated table with a primary key, derived from jOOQ's metadata: the
 * primary key, the record version field (optimistic locking), the record timestamp field (touched
 * on update), the unique keys and the foreign keys. Every method is one SQL statement on the
 * success path; failures are Drydock's domain exceptions.
 *
 * <pre>{@code
 * TableRepository<CustomersRecord, UUID> customers = db.repository(CUSTOMERS);
 * CustomersRecord c = customers.create(new CustomersRecord().setEmail("a@x").setName("Ada"));
 * customers.findById(c.getId());           // Optional<CustomersRecord>
 * customers.update(c.setName("Ada L."));   // optimistic when the table has a version field
 * customers.delete(c);                     // with the version check when versioned
 * }</pre>
 *
 * <p>{@code K} is the primary key's Java type ({@code UUID}, {@code Integer}, {@code Long}, ...),
 * or the key's {@code RecordN} (e.g. {@code Record2<Integer, Integer>}) for a composite key. Bad
 * input (a record of another table, a null id, an id of the wrong type) fails with an {@link
 * IllegalArgumentException} naming the table and column, before anything is sent. Immutable and
 * thread-safe; {@link #using(DSLContext)} runs it on another context, e.g. a transaction's.
 *
 * @param <R> the table's record type
 * @param <K> the primary key's type
 */
public final class TableRepository<R extends UpdatableRecord<R>, K> {

  private final DSLContext dsl;
  private final TableStatements<R> statements;
  private final TableModel<R, K> model;
  private final Table<R> table;

  private TableRepository(DSLContext dsl, TableStatements<R> statements, TableModel<R, K> model) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
    this.statements = statements;
    this.model = model;
    this.table = model.table();
  }

  /**
   * A repository for {@code table} on {@code dsl} (prefer {@link DrydockDatabase#repository}, which
   * configures the context and keeps one repository per table).
   *
   * @throws IllegalArgumentException if the table has no primary key, or a version field that is
   *     not integral
   */
  public static <R extends UpdatableRecord<R>, K> TableRepository<R, K> of(
      DSLContext dsl, Table<R> table) {
    TableModel<R, K> model = TableModel.of(table);
    return new TableRepository<>(dsl, new TableStatements<>(model), model);
  }

  /** The same repository (and its rendered SQL) over another context, e.g. a transaction's. */
  public TableRepository<R, K> using(DSLContext tx) {
    return new TableRepository<>(tx, statements, model);
  }

  /** The table. */
  public Table<R> table() {
    return table;
  }

  /** The context the repository runs its statements on. */
  public DSLContext dsl() {
    return dsl;
  }

  /** Inserts the fields set on {@code record}; returns the full row, with database defaults. */
  public R create(R record) {
    model.checkTable(record, "create");
    return statements.insert(dsl, record);
  }

  /**
   * Inserts {@code records} in multi-row INSERTs (one statement per 1,000 rows; a column a record
   * did not set takes its default); returns the full rows in the order given.
   */
  public List<R> createMany(List<R> records) {
    for (R r : records) {
      model.checkTable(r, "createMany");
    }
    return statements.insertAll(dsl, records);
  }

  /** The row with this primary key. */
  public Optional<R> findById(K id) {
    return statements.find(dsl, model.primaryKey(), model.keyValues(id, "findById"));
  }

  /**
   * The row whose one-column unique key {@code column} (or primary key) equals {@code value}.
   *
   * @throws IllegalArgumentException if no unique key of the table is exactly {@code column}
   */
  public <T extends @Nullable Object> Optional<R> findBy(TableField<R, T> column, T value) {
    for (UniqueKey<R> key : uniqueKeys()) {
      if (key.getFields().size() == 1 && key.getFields().get(0).equals(column)) {
        return findBy(key, value);
      }
    }
    throw new IllegalArgumentException(
        "findBy of " + table.getName() + ": column " + column.getName() + " is no unique key");
  }

  /** The row whose unique key {@code key} holds {@code values}, in the key's column order. */
  public Optional<R> findBy(UniqueKey<R> key, @Nullable Object... values) {
    checkKeyOfTable(key.getTable(), "findBy");
    List<TableField<R, ?>> fields = key.getFields();
    model.checkValues(fields, values, "findBy");
    return statements.find(dsl, key, values);
  }

  /** Whether a row has this primary key. */
  public boolean exists(K id) {
    return dsl.fetchExists(table, model.keyCondition(model.keyValues(id, "exists")));
  }

  /** The number of rows. */
  public int count() {
    return dsl.fetchCount(table);
  }

  /** The number of rows matching {@code condition}. */
  public int count(Condition condition) {
    return dsl.fetchCount(table, condition);
  }

  /**
   * A keyset page of the rows matching {@code condition}, ordered by the primary key: up to {@code
   * request.limit()} rows after the cursor {@code request.after()} (the previous page's {@link
   * Page#nextCursor()}).
   */
  public Page<R, Record> page(Condition condition, PageRequest<Record> request) {
    return page(condition, request, new SortField<?>[0]);
  }

  /**
   * A keyset page of the rows matching {@code condition} ordered by {@code orderBy} (ascending or
   * descending, mixed), then by the primary key so the order is total. The cursor is a record of
   * those columns' values in the last row of the previous page.
   */
  public Page<R, Record> page(
      Condition condition, PageRequest<Record> request, SortField<?>... orderBy) {
    Objects.requireNonNull(condition, "condition");
    Keyset<R> keyset = Keyset.of(model, orderBy);
    var query = dsl.selectFrom(table).where(condition).orderBy(keyset.sort());
    List<R> rows =
        request.after() == null
            ? query.limit(request.limit() + 1).fetch()
            : query.seek(keyset.cursorValues(request.after())).limit(request.limit() + 1).fetch();
    return keyset.page(rows, request.limit());
  }

  /**
   * The rows whose foreign key {@code foreignKey} points to the parent row with {@code parentKey}
   * (the referenced columns' values), ordered by primary key.
   */
  public List<R> findAllBy(ForeignKey<R, ?> foreignKey, @Nullable Object... parentKey) {
    checkKeyOfTable(foreignKey.getTable(), "findAllBy");
    List<TableField<R, ?>> fields = foreignKey.getFields();
    model.checkValues(fields, parentKey, "findAllBy");
    Condition c = DSL.noCondition();
    for (int i = 0; i < fields.size(); i++) {
      c = c.and(eq(fields.get(i), parentKey[i]));
    }
    return dsl.selectFrom(table).where(c).orderBy(model.keyFields()).fetch();
  }

  /**
   * The row with this primary key and its children by {@code foreignKey} (a key of the child table
   * referencing this one), ordered by the child's primary key, in one query: a {@code LEFT JOIN}
   * read straight into the generated records (converters applied). For nested levels, use jOOQ's
   * {@code MULTISET} on {@link #dsl()}.
   */
  public <C extends TableRecord<C>> Optional<WithChildren<R, C>> findWithChildren(
      K id, ForeignKey<C, R> foreignKey) {
    Object[] key = model.keyValues(id, "findWithChildren");
    return statements.findWithChildren(dsl, foreignKey, key, WithChildren::new);
  }

  /**
   * Optimistic update when the table has a version field: writes the fields changed on {@code
   * record} if the row is still at the version the record holds, increments the version and sets
   * the timestamp field, in one statement; otherwise a plain {@code UPDATE ... RETURNING *}.
   * Returns the updated row.
   *
   * @throws NotFoundException if no row has the record's primary key
   * @throws StaleVersionException if the row changed since the record was read (retryable: read
   *     again, re-apply, update again)
   */
  public R update(R record) {
    model.checkTable(record, "update");
    return statements.update(dsl, record);
  }

  /**
   * Deletes the record's row; when the table is versioned, only if it is still at the version the
   * record holds.
   *
   * @throws NotFoundException if no row has the record's primary key
   * @throws StaleVersionException if the row changed since the record was read
   * @throws dev.drydock.dao.error.ConflictException if other rows still reference it
   */
  public void delete(R record) {
    model.checkTable(record, "delete");
    Object[] key = model.recordKey(record, "delete");
    TableField<R, ?> version = model.version();
    if (version == null) {
      deleteByKey(key);
      return;
    }
    long expected = model.expectedVersion(record, "delete");
    Condition atVersion = eq(version, version.getDataType().convert(expected));
    if (dsl.deleteFrom(table).where(model.keyCondition(key).and(atVersion)).execute() == 1) {
      return;
    }
    // nothing deleted: tell a missing row from a stale version
    Object actual =
        dsl.select(version)
            .from(table)
            .where(model.keyCondition(key))
            .fetchOptional(0)
            .orElse(null);
    if (actual == null) {
      throw NotFoundException.noRow(table.getName(), model.id(key));
    }
    throw StaleVersionException.of(
        table.getName(), version.getName(), model.id(key), expected, ((Number) actual).longValue());
  }

  /**
   * Deletes the row with this primary key.
   *
   * @throws NotFoundException if there is none
   * @throws dev.drydock.dao.error.ConflictException if other rows still reference it
   */
  public void deleteById(K id) {
    deleteByKey(model.keyValues(id, "deleteById"));
  }

  /**
   * Inserts the record, or updates the row with its primary key: {@link #upsert(UpdatableRecord,
   * UniqueKey)}.
   */
  public R upsert(R record) {
    return upsert(record, model.primaryKey());
  }

  /**
   * Inserts the record, or if a row with the same {@code key} exists, writes the other fields the
   * record set to it (incrementing the version and touching the timestamp field); returns the row
   * either way. One statement ({@code INSERT ... ON CONFLICT (key) DO UPDATE ... RETURNING *}).
   */
  public R upsert(R record, UniqueKey<R> key) {
    model.checkTable(record, "upsert");
    checkKeyOfTable(key.getTable(), "upsert");
    List<TableField<R, ?>> conflict = key.getFields();
    Map<Field<?>, Object> set = new LinkedHashMap<>();
    for (Field<?> f : table.fields()) {
      if (record.changed(f) && !conflict.contains(f) && !model.isKey(f) && !model.managed(f)) {
        set.put(f, excluded(f));
      }
    }
    if (set.isEmpty()) {
      // nothing to overwrite: a no-op update, so that the existing row is returned (and locked)
      set.put(conflict.get(0), excluded(conflict.get(0)));
    } else {
      if (model.version() != null) {
        set.put(model.version(), model.nextVersion());
      }
      if (model.timestamp() != null) {
        set.put(model.timestamp(), model.touched());
      }
    }
    return dsl.insertInto(table)
        .set(record)
        .onConflict(conflict)
        .doUpdate()
        .set(set)
        .returning()
        .fetchSingle();
  }

  private void deleteByKey(Object[] key) {
    if (dsl.deleteFrom(table).where(model.keyCondition(key)).execute() == 0) {
      throw NotFoundException.noRow(table.getName(), model.id(key));
    }
  }

  private List<UniqueKey<R>> uniqueKeys() {
    List<UniqueKey<R>> keys = new ArrayList<>(table.getKeys());
    if (!keys.contains(model.primaryKey())) {
      keys.add(0, model.primaryKey());
    }
    return keys;
  }

  private void checkKeyOfTable(Table<?> owner, String operation) {
    if (!table.equals(owner)) {
      throw new IllegalArgumentException(
          operation + " of " + table.getName() + ": got a key of table " + owner.getName());
    }
  }

  @SuppressWarnings("unchecked")
  private static Condition eq(Field<?> field, Object value) {
    return ((Field<Object>) field).eq(value);
  }

  /** A parent row and its children by one foreign key. */
  public record WithChildren<P, C>(P parent, List<C> children) {
    public WithChildren {
      children = List.copyOf(children);
    }
  }
}
