package dev.drydock.dao.repository;

import dev.drydock.dao.error.StatementKind;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * {@code INSERT INTO t (<the columns the record set>) VALUES (...) RETURNING *}: the row as stored,
 * with its defaults. On the direct path ({@link DirectStatement}) the SQL is rendered once per set
 * of columns.
 */
final class InsertReturning<R extends TableRecord<R>> {

  private final Table<R> table;
  private final Field<?>[] fields;
  private final ColumnType[] bindings;
  private final RecordReader<R> reader;

  InsertReturning(Table<R> table) {
    this.table = table;
    this.fields = table.fields();
    this.bindings = new ColumnType[fields.length];
    for (int i = 0; i < fields.length; i++) {
      bindings[i] = RecordReader.binding(fields[i]);
    }
    this.reader = fields.length < 64 ? RecordReader.of(table) : null;
  }

  R insert(DSLContext dsl, RenderedSql rendered, R record) {
    if (reader != null && DirectStatement.applies(dsl.configuration())) {
      long changed = 0;
      boolean bindable = true;
      for (int i = 0; i < fields.length; i++) {
        if (record.changed(i)) {
          changed |= 1L << i;
          bindable &= bindings[i] != null;
        }
      }
      if (bindable) {
        return direct(dsl, rendered, changed, record);
      }
    }
    return dsl.insertInto(table).set(record).returning().fetchSingle();
  }

  private R direct(DSLContext dsl, RenderedSql rendered, long changed, R record) {
    String sql =
        rendered.get(
            new RenderedSql.Shape("insert returning " + table.getName(), changed),
            () -> dsl.render(dsl.insertInto(table).set(record).returning()));
    return DirectStatement.query(
        dsl,
        sql,
        StatementKind.INSERT,
        table.getName(),
        ps -> {
          int p = 1;
          for (int i = 0; i < fields.length; i++) {
            if ((changed & (1L << i)) != 0) {
              bindings[i].bind(ps, p++, record.get(i));
            }
          }
        },
        (rs, context) -> {
          if (!rs.next()) {
            throw new IllegalStateException("INSERT ... RETURNING returned no row: " + sql);
          }
          return reader.read(rs, 1, context);
        });
  }
}
