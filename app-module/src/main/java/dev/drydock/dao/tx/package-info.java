/**
 * {@link dev.drydock.dao.tx.TransactionRetry}: run a unit of work in a transaction and re-run the
 * whole unit on retryable failures, with bounded attempts and exponential backoff with jitter.
 */
package dev.drydock.dao.tx;
