package dev.drydock.dao.error;

/**
 * The change conflicts with the current state of the database: a unique key already exists ({@code
 * 23505}), an exclusion constraint is violated ({@code 23P01}), a deleted or re-keyed row is still
 * referenced ({@code 23503}, "is still referenced from table"), or the row was changed since it was
 * read ({@link StaleVersionException}, the only retryable conflict).
 */
public class ConflictException extends DatabaseException {

  private static final long serialVersionUID = 1L;

  ConflictException(String message, ServerError error, Throwable cause, boolean retryable) {
    super(message, error, cause, retryable);
  }
}
