package dev.drydock.dao.repository;

import static org.jooq.impl.DSL.currentInstant;
import static org.jooq.impl.DSL.currentLocalDateTime;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.currentTimestamp;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;

/**
 * What a repository knows about one generated table, read once from jOOQ's metadata: the primary
 * key ({@link Table#getPrimaryKey()}), the optimistic-locking version field ({@link
 * Table#getRecordVersion()}, integral), the "updated at" field ({@link Table#getRecordTimestamp()})
 * and the unique keys. Bad metadata or bad input fails with an {@link IllegalArgumentException}
 * naming the table and the column, before any statement is sent. Immutable.
 *
 * @param <R> the table's record type
 * @param <K> the primary key's type: the column's Java type, or the key's {@code RecordN} when the
 *     key has several columns
 */
public final class TableModel<R extends UpdatableRecord<R>, K> {

  private final Table<R> table;
  private final UniqueKey<R> primaryKey;
  private final TableField<R, ?>[] keyFields;
  private final TableField<R, ?> version;
  private final TableField<R, ?> timestamp;

  private TableModel(Table<R> table) {
    this.table = table;
    this.primaryKey = table.getPrimaryKey();
    if (primaryKey == null || primaryKey.getFields().isEmpty()) {
      throw new IllegalArgumentException(
          "table "
              + table.getName()
              + " has no primary key: a repository needs one (read it with dsl().selectFrom)");
    }
    this.keyFields = primaryKey.getFieldsArray();
    this.version = table.getRecordVersion();
    if (version != null && !integral(version.getType())) {
      throw new IllegalArgumentException(
          "table "
              + table.getName()
              + ": version column "
              + version.getName()
              + " is "
              + version.getType().getSimpleName()
              + ", not an integral type (int, bigint)");
    }
    this.timestamp = table.getRecordTimestamp();
    if (timestamp != null && now(timestamp) == null) {
      throw new IllegalArgumentException(
          "table "
              + table.getName()
              + ": timestamp column "
              + timestamp.getName()
              + " is "
              + timestamp.getType().getSimpleName()
              + ", not a date-time type");
    }
  }

  /** The model of {@code table}; {@link IllegalArgumentException} if it has no primary key. */
  public static <R extends UpdatableRecord<R>, K> TableModel<R, K> of(Table<R> table) {
    return new TableModel<>(Objects.requireNonNull(table, "table"));
  }

  private static boolean integral(Class<?> type) {
    return type == Integer.class
        || type == Long.class
        || type == Short.class
        || type == BigInteger.class;
  }

  /** {@code current_timestamp} typed like {@code field}, or {@code null} if it is no date-time. */
  static Field<?> now(Field<?> field) {
    Class<?> type = field.getType();
    if (type == OffsetDateTime.class) {
      return currentOffsetDateTime();
    } else if (type == LocalDateTime.class) {
      return currentLocalDateTime();
    } else if (type == Instant.class) {
      return currentInstant();
    } else if (type == Timestamp.class) {
      return currentTimestamp();
    }
    return null;
  }

  public Table<R> table() {
    return table;
  }

  public UniqueKey<R> primaryKey() {
    return primaryKey;
  }

  /** The primary key's columns, in key order. */
  public List<TableField<R, ?>> keyFields() {
    return List.of(keyFields);
  }

  TableField<R, ?>[] keyFieldArray() {
    return keyFields;
  }

  /** The optimistic-locking version column, or {@code null} if the table is not versioned. */
  public TableField<R, ?> version() {
    return version;
  }

  /** The column touched on update, or {@code null}. */
  public TableField<R, ?> timestamp() {
    return timestamp;
  }

  /** {@code <version> + 1}, typed like the version column. */
  @SuppressWarnings("unchecked")
  public Field<?> nextVersion() {
    return ((Field<Object>) version).plus((Number) version.getDataType().convert(1));
  }

  /** {@code current_timestamp}, typed like the timestamp column. */
  public Field<?> touched() {
    return now(timestamp);
  }

  /** Whether {@code field} is a primary key column. */
  public boolean isKey(Field<?> field) {
    for (Field<?> k : keyFields) {
      if (k.equals(field)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code field} is maintained by the repository (version, timestamp). */
  public boolean managed(Field<?> field) {
    return field.equals(version) || field.equals(timestamp);
  }

  /**
   * The key's column values of {@code id}: the value itself for a one-column key, the fields of the
   * {@code RecordN} otherwise; checked for nulls and types.
   */
  public Object[] keyValues(Object id, String operation) {
    if (id == null) {
      throw new IllegalArgumentException(
          operation + " of " + table.getName() + ": the id (" + keyNames() + ") is null");
    }
    Object[] values;
    if (id instanceof Record r && r.size() == keyFields.length) {
      values = r.intoArray();
    } else if (keyFields.length == 1 && !(id instanceof Record)) {
      values = new Object[] {id};
    } else {
      throw new IllegalArgumentException(
          operation
              + " of "
              + table.getName()
              + ": the id must be a Record"
              + keyFields.length
              + " of ("
              + keyNames()
              + "), got "
              + id.getClass().getSimpleName());
    }
    for (int i = 0; i < keyFields.length; i++) {
      check(keyFields[i], values[i], operation);
    }
    return values;
  }

  /** The key values the record holds (its original ones if it changed them), checked. */
  public Object[] recordKey(R record, String operation) {
    Object[] values = new Object[keyFields.length];
    for (int i = 0; i < keyFields.length; i++) {
      values[i] = record.original(keyFields[i]);
      if (values[i] == null) {
        values[i] = record.get(keyFields[i]);
      }
      check(keyFields[i], values[i], operation);
    }
    return values;
  }

  /**
   * Checks {@code values} against {@code fields}: as many, none null, each of its column's type.
   */
  public void checkValues(List<? extends Field<?>> fields, Object[] values, String operation) {
    if (values == null || values.length != fields.size()) {
      throw new IllegalArgumentException(
          operation
              + " of "
              + table.getName()
              + ": expected "
              + fields.size()
              + " value(s) for "
              + fields.stream().map(Field::getName).toList()
              + ", got "
              + (values == null ? 0 : values.length));
    }
    for (int i = 0; i < values.length; i++) {
      check(fields.get(i), values[i], operation);
    }
  }

  private void check(Field<?> field, Object value, String operation) {
    if (value == null) {
      throw new IllegalArgumentException(
          operation + " of " + table.getName() + ": column " + field.getName() + " is null");
    }
    if (!field.getType().isInstance(value)) {
      throw new IllegalArgumentException(
          operation
              + " of "
              + table.getName()
              + ": column "
              + field.getName()
              + " is "
              + field.getType().getSimpleName()
              + ", got "
              + value.getClass().getSimpleName());
    }
  }

  /** The id as exceptions show it: the value, or {@code (v1, v2, ...)} for a composite key. */
  public Object id(Object[] values) {
    if (values.length == 1) {
      return values[0];
    }
    StringBuilder sb = new StringBuilder("(");
    for (Object v : values) {
      sb.append(sb.length() == 1 ? "" : ", ").append(v);
    }
    return sb.append(')').toString();
  }

  /** {@code key = values}. */
  public Condition keyCondition(Object[] values) {
    Condition c = DSL.noCondition();
    for (int i = 0; i < keyFields.length; i++) {
      c = c.and(eq(keyFields[i], values[i]));
    }
    return c;
  }

  @SuppressWarnings("unchecked")
  static Condition eq(Field<?> field, Object value) {
    return ((Field<Object>) field).eq(value);
  }

  /** The version the record was read at, checked: it must hold one. */
  public long expectedVersion(R record, String operation) {
    Object v = record.original(version);
    if (v == null) {
      v = record.get(version);
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(
          operation
              + " of "
              + table.getName()
              + ": column "
              + version.getName()
              + " is null: an optimistic "
              + operation
              + " needs the version it read");
    }
    return n.longValue();
  }

  /** Checks that {@code record} is a record of this table. */
  public void checkTable(R record, String operation) {
    Objects.requireNonNull(record, "record");
    // generated records hold their table's singleton: the reference check is the common case
    if (record.getTable() != table && !table.equals(record.getTable())) {
      throw new IllegalArgumentException(
          operation
              + " of "
              + table.getName()
              + ": got a record of table "
              + record.getTable().getName());
    }
  }

  private String keyNames() {
    StringBuilder sb = new StringBuilder();
    for (Field<?> f : keyFields) {
      sb.append(sb.length() == 0 ? "" : ", ").append(f.getName());
    }
    return sb.toString();
  }
}
