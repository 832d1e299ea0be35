package dev.drydock.dao.error;

import java.sql.SQLException;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.QOM;

/**
 * A jOOQ {@link ExecuteListener} that replaces the exception of a failed statement by a Drydock
 * {@link DatabaseException} when its SQLState is in the {@link SqlStateTable}, and a value a
 * converter could not read (a {@link DataTypeException} jOOQ wrapped) by the converter's own
 * exception. It only overrides {@link #exception(ExecuteContext)}: nothing runs on the success
 * path. Stateless; one instance can serve any number of configurations.
 */
public final class TranslatingExecuteListener implements ExecuteListener {

  private static final long serialVersionUID = 1L;

  /** The shared instance. */
  public static final TranslatingExecuteListener INSTANCE = new TranslatingExecuteListener();

  private TranslatingExecuteListener() {}

  @Override
  public void exception(ExecuteContext ctx) {
    if (ctx.exception() instanceof DatabaseException) {
      return;
    }
    DataTypeException conversion = conversionFailure(ctx.exception());
    if (conversion != null) {
      ctx.exception(conversion);
      return;
    }
    SQLException sqle = ctx.sqlException();
    if (sqle == null) {
      sqle = ErrorTranslator.findSqlException(ctx.exception());
    }
    if (sqle == null) {
      return;
    }
    StatementKind kind = StatementKind.of(ctx);
    DatabaseException translated = ErrorTranslator.translate(sqle, kind, writtenTable(ctx.query()));
    if (translated != null) {
      ctx.exception(translated);
    }
  }

  /**
   * The exception a converter threw reading a value (e.g. Drydock's {@code JsonbConverter} naming
   * the column and the JSON path), which jOOQ wraps (in an {@code SQLException} in a {@code
   * DataAccessException}) saying only which field it was reading; or {@code null}. Surfaced as is,
   * as the direct path does.
   */
  private static DataTypeException conversionFailure(RuntimeException e) {
    for (Throwable t = e == null ? null : e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof DataTypeException conversion) {
        return conversion;
      }
      if (t == t.getCause()) {
        break;
      }
    }
    return null;
  }

  /**
   * The name of the table a jOOQ INSERT, UPDATE or DELETE writes to, or {@code null} (e.g. plain
   * SQL).
   */
  private static String writtenTable(Query query) {
    Table<?> table;
    if (query instanceof QOM.Update<?> update) {
      table = update.$table();
    } else if (query instanceof QOM.Delete<?> delete) {
      table = delete.$from();
    } else if (query instanceof QOM.Insert<?> insert) {
      table = insert.$into();
    } else {
      return null;
    }
    if (table instanceof QOM.TableAlias<?> alias) {
      table = alias.$table();
    }
    return table == null ? null : table.getName();
  }
}
