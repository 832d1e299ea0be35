package dev.drydock.pull;

/** Bad input to {@code pull} (a name, a schema, a target file): the message says what is wrong. */
public final class PullException extends RuntimeException {
  public PullException(String message) {
    super(message);
  }

  public PullException(String message, Throwable cause) {
    super(message, cause);
  }
}
