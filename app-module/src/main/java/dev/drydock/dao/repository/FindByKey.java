package dev.drydock.dao.repository;

import dev.drydock.dao.error.StatementKind;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

/**
 * {@code SELECT * FROM t WHERE k1 = ? [AND k2 = ? ...]} for a unique key (one or more columns): the
 * row or nothing. On the direct path ({@link DirectStatement}) the SQL is rendered once.
 */
final class FindByKey<R extends TableRecord<R>> {

  private final Table<R> table;
  private final TableField<R, ?>[] key;
  private final ColumnType[] keyBindings;
  private final RecordReader<R> reader;
  private final RenderedSql.Shape shape;

  FindByKey(Table<R> table, TableField<R, ?>[] key) {
    this.table = table;
    this.key = key.clone();
    this.keyBindings = new ColumnType[key.length];
    boolean bindable = true;
    StringBuilder name = new StringBuilder("select " + table.getName() + " by");
    for (int i = 0; i < key.length; i++) {
      keyBindings[i] = RecordReader.binding(key[i]);
      bindable &= keyBindings[i] != null;
      name.append(' ').append(key[i].getName());
    }
    this.reader = bindable ? RecordReader.of(table) : null;
    this.shape = new RenderedSql.Shape(name.toString(), 0);
  }

  /** The row whose key columns equal {@code values} (none null). */
  Optional<R> find(DSLContext dsl, RenderedSql rendered, Object[] values) {
    if (reader == null || !DirectStatement.applies(dsl.configuration())) {
      return dsl.selectFrom(table).where(condition(values)).fetchOptional();
    }
    String sql =
        rendered.get(shape, () -> dsl.render(dsl.selectFrom(table).where(condition(values))));
    return DirectStatement.query(
        dsl,
        sql,
        StatementKind.SELECT,
        table.getName(),
        ps -> {
          for (int i = 0; i < key.length; i++) {
            keyBindings[i].bind(ps, i + 1, values[i]);
          }
        },
        (rs, context) -> rs.next() ? Optional.of(reader.read(rs, 1, context)) : Optional.empty());
  }

  private Condition condition(Object[] values) {
    Condition c = DSL.noCondition();
    for (int i = 0; i < key.length; i++) {
      c = c.and(TableModel.eq(key[i], values[i]));
    }
    return c;
  }
}
