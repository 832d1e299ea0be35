package dev.drydock.dao.repository;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Reads the columns of one table, in the table's field order, from a result set row into a new
 * attached record, unchanged (as jOOQ's fetch leaves it, so {@code store()} works on it). Built
 * once per table; immutable.
 */
final class RecordReader<R extends TableRecord<R>> {

  private final Constructor<? extends R> constructor;
  private final Field<?>[] fields;
  private final ColumnType[] types;
  private final Class<?>[] javaTypes;

  private RecordReader(
      Constructor<? extends R> constructor, Field<?>[] fields, ColumnType[] types) {
    this.constructor = constructor;
    this.fields = fields;
    this.types = types;
    this.javaTypes = new Class<?>[fields.length];
    for (int i = 0; i < fields.length; i++) {
      javaTypes[i] = fields[i].getType();
    }
  }

  /** A reader for {@code table}, or {@code null} if a column has a type the direct path lacks. */
  static <R extends TableRecord<R>> RecordReader<R> of(Table<R> table) {
    Field<?>[] fields = table.fields();
    ColumnType[] types = new ColumnType[fields.length];
    for (int i = 0; i < fields.length; i++) {
      types[i] = ColumnType.of(fields[i].getType());
      if (types[i] == null) {
        return null;
      }
    }
    try {
      Constructor<? extends R> constructor = table.getRecordType().getConstructor();
      return new RecordReader<R>(constructor, fields, types);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** Columns read per record. */
  int width() {
    return fields.length;
  }

  /** The record in the columns {@code first} to {@code first + width() - 1} of the current row. */
  R read(ResultSet rs, int first, Configuration configuration) throws SQLException {
    R record = newRecord();
    // attached first: setting the key of a detached record makes jOOQ copy its default settings
    record.attach(configuration);
    for (int i = 0; i < fields.length; i++) {
      record.set(field(i), types[i].read(rs, first + i, javaTypes[i]));
    }
    record.changed(false);
    return record;
  }

  /** How to bind a value of {@code field}, or {@code null} if only jOOQ can. */
  static ColumnType binding(Field<?> field) {
    ColumnType type = ColumnType.of(field.getType());
    return type != null && type.bindable() ? type : null;
  }

  private R newRecord() {
    try {
      return constructor.newInstance();
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot create a " + constructor.getDeclaringClass(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private Field<Object> field(int i) {
    return (Field<Object>) fields[i];
  }
}
