package dev.drydock.spring.error;

import dev.drydock.dao.error.TranslatingExecuteListener;
import org.jooq.ExecuteContext;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;

/**
 * Takes the place of Boot's {@link ExceptionTranslatorExecuteListener} (Boot's one backs off when
 * this bean exists): a failed statement of Boot's {@code DSLContext} throws Drydock's domain
 * exception, translated by {@link TranslatingExecuteListener}, so there is one translator, not two.
 * Stateless.
 */
public final class DrydockExceptionTranslatorExecuteListener
    implements ExceptionTranslatorExecuteListener {

  private static final long serialVersionUID = 1L;

  @Override
  public void exception(ExecuteContext ctx) {
    TranslatingExecuteListener.INSTANCE.exception(ctx);
  }
}
