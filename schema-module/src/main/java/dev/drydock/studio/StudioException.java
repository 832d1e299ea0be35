package dev.drydock.studio;

/**
 * A request the studio answers with an error: an HTTP status, a stable kind for the page ({@code
 * duplicate_key}, {@code stale}, ...), a one-line message, and the constraint when there is one.
 */
public final class StudioException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String kind;
  private final String constraint;

  public StudioException(int status, String kind, String message) {
    this(status, kind, message, null, null);
  }

  public StudioException(
      int status, String kind, String message, String constraint, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.kind = kind;
    this.constraint = constraint;
  }

  public int status() {
    return status;
  }

  public String kind() {
    return kind;
  }

  public String constraint() {
    return constraint;
  }
}
