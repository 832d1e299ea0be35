/**
 * {@link dev.drydock.dao.tx.TransactionRetry}: run a unit of work in a transaction and re-run the
 * whole unit on retryable failures, with bounded attempts and exponential backoff with jitter.
 *
 * <p>Null-marked (JSpecify): nothing here takes or returns {@code null} unless annotated
 * {@code @Nullable}; Kotlin sees the types as they are meant.
 */
@NullMarked
package dev.drydock.dao.tx;

import org.jspecify.annotations.NullMarked;
