package dev.drydock.dao.error;

import java.sql.SQLException;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * A jOOQ {@link ExecuteListener} that replaces the exception of a failed statement by a Drydock
 * {@link DatabaseException} when its SQLState is in the {@link SqlStateTable}. It only overrides
 * {@link #exception(ExecuteContext)}: nothing runs on the success path. Stateless; one instance can
 * serve any number of configurations.
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
    SQLException sqle = ctx.sqlException();
    if (sqle == null) {
      sqle = ErrorTranslator.findSqlException(ctx.exception());
    }
    if (sqle == null) {
      return;
    }
    DatabaseException translated = ErrorTranslator.translate(sqle, StatementKind.of(ctx));
    if (translated != null) {
      ctx.exception(translated);
    }
  }
}
