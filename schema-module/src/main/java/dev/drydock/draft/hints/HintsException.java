package dev.drydock.draft.hints;

import dev.drydock.draft.DraftException;

/** A hints file that cannot be read: its path, and the entry or the parser's reason. */
public final class HintsException extends DraftException {
  public HintsException(String message) {
    super(message);
  }

  public HintsException(String message, Throwable cause) {
    super(message, cause);
  }
}
