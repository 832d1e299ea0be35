package dev.drydock.migrate;

import java.util.Optional;

/**
 * Migrations could not be applied or validated. The message is one line for humans, naming the
 * migration file and line and PostgreSQL's own message, e.g. {@code V2__posts.sql:7: ERROR: syntax
 * error at or near "TABEL" (SQLState 42601)}.
 */
public class MigrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String sqlState;

  public MigrationException(
      String message, String file, int line, String sqlState, Throwable cause) {
    super(message, cause);
    this.file = file;
    this.line = line;
    this.sqlState = sqlState;
  }

  /** The migration file at fault, if one is. */
  public Optional<String> file() {
    return Optional.ofNullable(file);
  }

  /** The 1-based line in {@link #file()} where the failing statement or error is; 0 if unknown. */
  public int line() {
    return line;
  }

  /** PostgreSQL's SQLState, if the server reported the error. */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }
}
