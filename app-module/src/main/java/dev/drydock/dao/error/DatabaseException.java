package dev.drydock.dao.error;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Base of Drydock's domain exceptions: a database failure an application can react to, carrying
 * what PostgreSQL said about it.
 *
 * <p>When the failure came from the database, {@link #getCause()} is the original {@link
 * SQLException} (usually a pgjdbc {@code PSQLException}) and the accessors expose the fields of the
 * server's error report. Failures detected by Drydock itself (an update that matched no row) have
 * no SQLException cause and empty accessors for the fields the server did not report.
 */
public abstract class DatabaseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ServerError error;
  private final boolean retryable;

  DatabaseException(String message, ServerError error, Throwable cause, boolean retryable) {
    super(message, cause);
    this.error = error == null ? ServerError.NONE : error;
    this.retryable = retryable;
  }

  /** The five-character SQLState, e.g. {@code 23505}; empty when no SQL statement failed. */
  public Optional<String> sqlState() {
    return Optional.ofNullable(error.sqlState());
  }

  /** Name of the violated constraint, e.g. {@code unique_email}. */
  public Optional<String> constraint() {
    return Optional.ofNullable(error.constraint());
  }

  /** Schema of the table the error is about. */
  public Optional<String> schema() {
    return Optional.ofNullable(error.schema());
  }

  /** The table the error is about, e.g. {@code users}. */
  public Optional<String> table() {
    return Optional.ofNullable(error.table());
  }

  /** The column the error is about (PostgreSQL reports it for not-null violations). */
  public Optional<String> column() {
    return Optional.ofNullable(error.column());
  }

  /** PostgreSQL's detail line, e.g. {@code Key (email)=(a@b.c) already exists.} */
  public Optional<String> detail() {
    return Optional.ofNullable(error.detail());
  }

  /**
   * Whether running the whole unit of work again (in a new transaction) may succeed. Retrying only
   * the failed statement inside the same transaction never helps in PostgreSQL: the transaction is
   * aborted.
   */
  public boolean isRetryable() {
    return retryable;
  }

  /** The original SQLException, if the failure came from the database. */
  public Optional<SQLException> sqlException() {
    return getCause() instanceof SQLException sqle ? Optional.of(sqle) : Optional.empty();
  }

  ServerError serverError() {
    return error;
  }
}
