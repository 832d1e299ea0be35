package dev.drydock.dao.error;

/**
 * The data is not acceptable: a not-null ({@code 23502}) or check ({@code 23514}) constraint is
 * violated, or a value is malformed, too long or out of range (class {@code 22}). Not retryable:
 * the same input fails again.
 */
public class InvalidInputException extends DatabaseException {

  private static final long serialVersionUID = 1L;

  InvalidInputException(String message, ServerError error, Throwable cause) {
    super(message, error, cause, false);
  }
}
