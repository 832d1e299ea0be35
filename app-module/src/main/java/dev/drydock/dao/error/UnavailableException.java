package dev.drydock.dao.error;

/**
 * The database could not complete the work now, but may if the whole transaction is run again:
 * serialization failures, deadlocks, lock and statement timeouts, shutdowns, lost connections,
 * exhausted resources, and Aurora DSQL's optimistic concurrency failures ({@code OC000}, {@code
 * OC001}). Always {@linkplain #isRetryable() retryable}.
 */
public class UnavailableException extends DatabaseException {

  private static final long serialVersionUID = 1L;

  UnavailableException(String message, ServerError error, Throwable cause) {
    super(message, error, cause, true);
  }
}
