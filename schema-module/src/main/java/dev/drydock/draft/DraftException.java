package dev.drydock.draft;

/** A draft that cannot be made: bad desired state, bad hints, an unwritable directory. */
public class DraftException extends RuntimeException {
  public DraftException(String message) {
    super(message);
  }

  public DraftException(String message, Throwable cause) {
    super(message, cause);
  }
}
