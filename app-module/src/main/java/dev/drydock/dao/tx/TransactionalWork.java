package dev.drydock.dao.tx;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A unit of work run in one transaction. It may run several times: it must not have side effects
 * outside the transaction (or only idempotent ones).
 */
@FunctionalInterface
public interface TransactionalWork<T extends @Nullable Object> {

  /**
   * Runs the work.
   *
   * @param tx a context bound to the transaction: run every statement of the unit through it
   */
  T run(DSLContext tx);
}
