package dev.drydock.dao.error;

/**
 * The connection failed while the transaction was committing: the commit may or may not have been
 * applied. Never retried automatically (the work could be applied twice); the application must
 * check the database (e.g. by an idempotency key) before doing the work again.
 */
public class CommitOutcomeUnknownException extends DatabaseException {

  private static final long serialVersionUID = 1L;

  private CommitOutcomeUnknownException(String message, ServerError error, Throwable cause) {
    super(message, error, cause, false);
  }

  /** The server itself said the outcome is unknown (CockroachDB's {@code 40003}). */
  static CommitOutcomeUnknownException reported(
      String message, ServerError error, Throwable cause) {
    return new CommitOutcomeUnknownException(message, error, cause);
  }

  /** Wraps the failure of a commit, keeping the original SQLException as the cause. */
  public static CommitOutcomeUnknownException of(DatabaseException failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    return new CommitOutcomeUnknownException(
        "Commit outcome unknown: " + failure.getMessage(), failure.serverError(), cause);
  }
}
