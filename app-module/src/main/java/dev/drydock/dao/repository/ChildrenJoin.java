package dev.drydock.dao.repository;

import dev.drydock.dao.error.StatementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;

/**
 * A parent row and its children by one foreign key, in one statement:
 *
 * <pre>{@code
 * select p.*, c.* from p left join c on c.<fk> = p.<key> where p.<pk> = ? order by c.<child pk>
 * }</pre>
 *
 * <p>No row: no parent. One row whose child columns are null (the join found nothing): a parent
 * without children. The rows are read straight into the generated records, converters applied
 * ({@link RecordReader}) on the direct path ({@link DirectStatement}: SQL rendered once per
 * repository, run with JDBC), and copied by position from jOOQ's result otherwise. For a
 * self-referencing key (a row's children in its own table) the child side is aliased {@code child}.
 * This replaces a {@code MULTISET} read, whose {@code jsonb_agg} document the server builds and the
 * client parses back value by value (about 8x slower than the join at 10 children).
 */
final class ChildrenJoin<R extends UpdatableRecord<R>, C extends TableRecord<C>> {

  private final TableModel<R, ?> model;
  private final ForeignKey<C, R> foreignKey;
  private final Table<R> table;
  private final Table<C> child;
  private final Table<C> alias;
  private final Field<?>[] select;
  private final Condition join;
  private final List<Field<?>> order;
  private final RecordReader<R> parentReader;
  private final RecordReader<C> childReader;
  private final ColumnType[] keyBindings;
  private final int parentWidth;
  private final int childWidth;

  /** The 1-based column of the child's first foreign key column: null when no child joined. */
  private final int childPresence;

  private final RenderedSql.Shape shape;

  ChildrenJoin(TableModel<R, ?> model, ForeignKey<C, R> foreignKey) {
    this.model = model;
    this.foreignKey = foreignKey;
    this.table = model.table();
    this.child = foreignKey.getTable();
    // aliased only when it is the parent's own table (a self-referencing key)
    this.alias = child.equals(table) ? child.as("child") : child;
    Field<?>[] parentFields = table.fields();
    Field<?>[] childFields = alias.fields();
    this.parentWidth = parentFields.length;
    this.childWidth = childFields.length;
    this.select = new Field<?>[parentWidth + childWidth];
    System.arraycopy(parentFields, 0, select, 0, parentWidth);
    System.arraycopy(childFields, 0, select, parentWidth, childWidth);
    TableField<C, ?>[] childColumns = foreignKey.getFieldsArray();
    TableField<R, ?>[] parentColumns = foreignKey.getKeyFieldsArray();
    Condition on = DSL.noCondition();
    for (int i = 0; i < childColumns.length; i++) {
      @SuppressWarnings("unchecked")
      Field<Object> c = (Field<Object>) alias.field(childColumns[i]);
      @SuppressWarnings("unchecked")
      Field<Object> p = (Field<Object>) parentColumns[i];
      on = on.and(c.eq(p));
    }
    this.join = on;
    List<Field<?>> sort = new ArrayList<>();
    if (child.getPrimaryKey() != null) {
      for (TableField<C, ?> f : child.getPrimaryKey().getFields()) {
        sort.add(alias.field(f));
      }
    }
    this.order = List.copyOf(sort);
    this.childPresence = parentWidth + child.indexOf(childColumns[0]) + 1;
    TableField<R, ?>[] key = model.keyFieldArray();
    this.keyBindings = new ColumnType[key.length];
    boolean bindable = true;
    for (int i = 0; i < key.length; i++) {
      keyBindings[i] = RecordReader.binding(key[i]);
      bindable &= keyBindings[i] != null;
    }
    this.parentReader = bindable ? RecordReader.of(table) : null;
    this.childReader = bindable ? RecordReader.of(child) : null;
    this.shape = new RenderedSql.Shape("children of " + foreignKey.getName(), 0);
  }

  ForeignKey<C, R> foreignKey() {
    return foreignKey;
  }

  /** The parent with key {@code keyValues} and its children, made into a {@code T}. */
  <T> Optional<T> find(
      DSLContext dsl, RenderedSql rendered, Object[] keyValues, BiFunction<R, List<C>, T> result) {
    if (parentReader == null
        || childReader == null
        || !DirectStatement.applies(dsl.configuration())) {
      return viaJooq(dsl, keyValues, result);
    }
    String sql = rendered.get(shape, () -> dsl.render(statement(dsl, keyValues)));
    return DirectStatement.query(
        dsl,
        sql,
        StatementKind.SELECT,
        table.getName(),
        ps -> {
          for (int k = 0; k < keyBindings.length; k++) {
            keyBindings[k].bind(ps, k + 1, keyValues[k]);
          }
        },
        (rs, context) -> {
          if (!rs.next()) {
            return Optional.empty();
          }
          R parent = parentReader.read(rs, 1, context);
          List<C> children = new ArrayList<>();
          do {
            rs.getObject(childPresence);
            if (!rs.wasNull()) {
              children.add(childReader.read(rs, parentWidth + 1, context));
            }
          } while (rs.next());
          return Optional.of(result.apply(parent, children));
        });
  }

  private ResultQuery<Record> statement(DSLContext dsl, Object[] keyValues) {
    return dsl.select(select)
        .from(table)
        .leftJoin(alias)
        .on(join)
        .where(model.keyCondition(keyValues))
        .orderBy(order);
  }

  private <T> Optional<T> viaJooq(
      DSLContext dsl, Object[] keyValues, BiFunction<R, List<C>, T> result) {
    List<Record> rows = statement(dsl, keyValues).fetch();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    R parent = copy(dsl, table, rows.get(0), 0, parentWidth);
    List<C> children = new ArrayList<>(rows.size());
    for (Record row : rows) {
      if (row.get(childPresence - 1) != null) {
        children.add(copy(dsl, child, row, parentWidth, childWidth));
      }
    }
    return Optional.of(result.apply(parent, children));
  }

  /**
   * A new record of {@code target} holding {@code width} values of {@code row} from {@code from}.
   */
  private static <X extends TableRecord<X>> X copy(
      DSLContext dsl, Table<X> target, Record row, int from, int width) {
    X record = dsl.newRecord(target);
    for (int i = 0; i < width; i++) {
      @SuppressWarnings("unchecked")
      Field<Object> f = (Field<Object>) target.field(i);
      record.set(f, row.get(from + i));
    }
    record.changed(false);
    return record;
  }
}
