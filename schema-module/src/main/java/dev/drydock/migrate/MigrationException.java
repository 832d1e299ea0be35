package dev.drydock.migrate;

import java.nio.file.Path;
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
  private final Path path;

  public MigrationException(
      String message, String file, int line, String sqlState, Throwable cause) {
    this(message, file, line, sqlState, null, cause);
  }

  MigrationException(
      String message, String file, int line, String sqlState, Path path, Throwable cause) {
    super(message, cause);
    this.file = file;
    this.line = line;
    this.sqlState = sqlState;
    this.path = path;
  }

  /** The message with the file's path under its location: {@code migrations/V2__x.sql:7: ...}. */
  public String locatedMessage() {
    String message = getMessage();
    if (file != null && path != null && message.startsWith(file + ":")) {
      return path + message.substring(file.length());
    }
    return message;
  }

  /** The migration file at fault, if one is. */
  public Optional<String> file() {
    return Optional.ofNullable(file);
  }

  /** The path of {@link #file()} under the migration location that has it, if known. */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
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
