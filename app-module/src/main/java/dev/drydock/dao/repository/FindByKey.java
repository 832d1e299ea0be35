package dev.drydock.dao.repository;

import dev.drydock.dao.error.StatementKind;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;

/**
 * {@code SELECT * FROM t WHERE key = ?} for a unique key: the row or nothing. On the direct path
 * ({@link DirectStatement}) the SQL is rendered once.
 */
final class FindByKey<R extends TableRecord<R>, K> {

  private final Table<R> table;
  private final TableField<R, K> key;
  private final ColumnType keyBinding;
  private final RecordReader<R> reader;
  private final RenderedSql.Shape shape;

  FindByKey(Table<R> table, TableField<R, K> key) {
    this.table = table;
    this.key = key;
    this.keyBinding = RecordReader.binding(key);
    this.reader = keyBinding == null ? null : RecordReader.of(table);
    this.shape = new RenderedSql.Shape("select " + table.getName() + " by " + key.getName(), 0);
  }

  Optional<R> find(DSLContext dsl, RenderedSql rendered, K value) {
    if (reader == null || value == null || !DirectStatement.applies(dsl.configuration())) {
      return dsl.selectFrom(table).where(key.eq(value)).fetchOptional();
    }
    String sql = rendered.get(shape, () -> dsl.render(dsl.selectFrom(table).where(key.eq(value))));
    return DirectStatement.query(
        dsl,
        sql,
        StatementKind.SELECT,
        ps -> keyBinding.bind(ps, 1, value),
        (rs, configuration) ->
            rs.next() ? Optional.of(reader.read(rs, 1, configuration)) : Optional.empty());
  }
}
