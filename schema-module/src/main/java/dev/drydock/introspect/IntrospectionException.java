package dev.drydock.introspect;

/** A catalog could not be read; the message is one line for humans. */
public class IntrospectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IntrospectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
