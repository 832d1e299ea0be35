package dev.drydock.draft.schema;

import dev.drydock.draft.DraftException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A desired-state statement that does not load in any order: where it is and why, the server's
 * {@link SQLException} as cause.
 */
public final class SchemaLoadException extends DraftException {
  private final Path file;
  private final int line;
  private final String sqlState;

  SchemaLoadException(String message, Path file, int line, SQLException cause) {
    super(message, cause);
    this.file = file;
    this.line = line;
    this.sqlState = cause == null ? null : cause.getSQLState();
  }

  /** The file, as given (relative to the working directory when the folder was). */
  public Path file() {
    return file;
  }

  /** The 1-based line of the statement's first token. */
  public int line() {
    return line;
  }

  /** The server's SQLState, e.g. {@code 42P01}; null when the file could not be read. */
  public String sqlState() {
    return sqlState;
  }
}
