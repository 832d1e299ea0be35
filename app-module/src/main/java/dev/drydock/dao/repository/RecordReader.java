package dev.drydock.dao.repository;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jooq.Converter;
import org.jooq.Converters;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.impl.DefaultBinding;

/**
 * Reads the columns of one table, in the table's field order, from a result set row into a new
 * attached record, unchanged (as jOOQ's fetch leaves it, so {@code store()} works on it). Built
 * once per table; immutable.
 */
final class RecordReader<R extends TableRecord<R>> {

  /** jOOQ's identity converter class: what an unconverted column has. */
  private static final Class<?> IDENTITY = Converters.identity(Object.class).getClass();

  private final Constructor<? extends R> constructor;
  private final Field<?>[] fields;
  private final ColumnType[] types;
  private final Class<?>[] javaTypes;

  /** Per column, the converter from the stored type, or {@code null} for an unconverted column. */
  private final Converter<Object, Object>[] converters;

  private RecordReader(
      Constructor<? extends R> constructor, Field<?>[] fields, ColumnType[] types) {
    this.constructor = constructor;
    this.fields = fields;
    this.types = types;
    this.javaTypes = new Class<?>[fields.length];
    this.converters = newConverters(fields.length);
    for (int i = 0; i < fields.length; i++) {
      javaTypes[i] = storedType(fields[i]);
      converters[i] = converted(fields[i]) ? converter(fields[i]) : null;
    }
  }

  /**
   * A reader for {@code table}, or {@code null} if a column has a type the direct path lacks or a
   * binding of the application's own. A column with a converter of the application's (a forced
   * type, e.g. {@code jsonb} as a record) is read as its stored type and converted as jOOQ does.
   */
  static <R extends TableRecord<R>> RecordReader<R> of(Table<R> table) {
    Field<?>[] fields = table.fields();
    ColumnType[] types = new ColumnType[fields.length];
    for (int i = 0; i < fields.length; i++) {
      types[i] = defaultBinding(fields[i]) ? ColumnType.of(storedType(fields[i])) : null;
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
  R read(ResultSet rs, int first, ReadContext context) throws SQLException {
    R record = newRecord();
    // attached first: setting the key of a detached record makes jOOQ copy its default settings
    record.attach(context.configuration());
    for (int i = 0; i < fields.length; i++) {
      Object stored = types[i].read(rs, first + i, javaTypes[i], context);
      Object value = converters[i] == null ? stored : converters[i].from(stored);
      // a new record holds nulls already, and changed(false) below leaves it as set() would
      if (value != null) {
        record.set(field(i), value);
      }
    }
    record.changed(false);
    return record;
  }

  /**
   * How to bind a value of {@code field}, or {@code null} if only jOOQ can (among them every
   * converted column: jOOQ converts and binds it).
   */
  static ColumnType binding(Field<?> field) {
    if (converted(field) || !defaultBinding(field)) {
      return null;
    }
    ColumnType type = ColumnType.of(field.getType());
    return type != null && type.bindable() ? type : null;
  }

  /** Whether {@code field} has a converter (jOOQ's identity converter is none). */
  private static boolean converted(Field<?> field) {
    return field.getConverter().getClass() != IDENTITY;
  }

  /** Whether jOOQ binds {@code field} with its default binding (else the application's own). */
  private static boolean defaultBinding(Field<?> field) {
    Class<?> binding = field.getBinding().getClass();
    return binding == DefaultBinding.class || binding.getEnclosingClass() == DefaultBinding.class;
  }

  /** The Java type JDBC reads for {@code field}: the converter's from-type if it has one. */
  private static Class<?> storedType(Field<?> field) {
    return converted(field) ? field.getConverter().fromType() : field.getType();
  }

  @SuppressWarnings("unchecked")
  private static Converter<Object, Object> converter(Field<?> field) {
    return (Converter<Object, Object>) field.getConverter();
  }

  @SuppressWarnings("unchecked")
  private static Converter<Object, Object>[] newConverters(int length) {
    return (Converter<Object, Object>[]) new Converter<?, ?>[length];
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
