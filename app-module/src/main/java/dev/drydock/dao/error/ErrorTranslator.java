package dev.drydock.dao.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns a {@link SQLException} into a Drydock {@link DatabaseException} using the one {@link
 * SqlStateTable}. Stateless and thread-safe.
 */
public final class ErrorTranslator {

  private ErrorTranslator() {}

  /**
   * The domain exception for {@code e}, with {@code e} as its cause, or {@code null} if its
   * SQLState is not one Drydock translates (the caller then keeps the original exception).
   *
   * @param kind the kind of statement that failed; decides whether a foreign key violation is a
   *     NotFound or a Conflict only when the server's text does not say ({@link
   *     ForeignKeyViolation})
   */
  public static DatabaseException translate(SQLException e, StatementKind kind) {
    return translate(e, kind, null);
  }

  /**
   * As {@link #translate(SQLException, StatementKind)}, knowing the table the statement writes to.
   * A foreign key violation is classified by what the server says: a referenced row missing is a
   * {@link NotFoundException}, a row still referenced (by a DELETE, or an UPDATE or upsert changing
   * a referenced key) a {@link ConflictException}. The table is used only when the server's text is
   * in another language ({@link ForeignKeyViolation}).
   *
   * @param writtenTable the table an INSERT, UPDATE or DELETE writes to, or {@code null}
   */
  public static DatabaseException translate(
      SQLException e, StatementKind kind, String writtenTable) {
    ServerError error = ServerError.of(e);
    SqlStateTable.Category category = SqlStateTable.categorize(error.sqlState());
    if (category == null
        && error.sqlState() == null
        && e instanceof SQLTransientConnectionException) {
      // a pool with no connection to give in time: HikariCP's timeout has no SQLState unless a
      // connection attempt failed (then it carries that attempt's, e.g. 08001)
      category = SqlStateTable.Category.UNAVAILABLE;
    }
    if (category == null) {
      return null;
    }
    String message = message(error, e);
    return switch (category) {
      case CONFLICT -> new ConflictException(message, error, e, false);
      case FOREIGN_KEY ->
          ForeignKeyViolation.of(error, kind, writtenTable) == ForeignKeyViolation.STILL_REFERENCED
              ? new ConflictException(message, error, e, false)
              : new NotFoundException(message, error, e);
      case NOT_FOUND -> new NotFoundException(message, error, e);
      case INVALID_INPUT -> new InvalidInputException(message, error, e);
      case UNAVAILABLE -> new UnavailableException(message, error, e);
      case OUTCOME_UNKNOWN -> CommitOutcomeUnknownException.reported(message, error, e);
    };
  }

  /**
   * The first SQLException in the cause chain of {@code t} (jOOQ wraps them in its {@code
   * DataAccessException}), or {@code null}.
   */
  public static SQLException findSqlException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException sqle) {
        return sqle;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  private static String message(ServerError error, SQLException e) {
    String text = error.message() != null ? error.message() : e.getMessage();
    StringBuilder sb = new StringBuilder(64);
    if (error.sqlState() != null) {
      sb.append('[').append(error.sqlState()).append("] ");
    }
    sb.append(text);
    if (error.detail() != null) {
      sb.append(" (").append(error.detail()).append(')');
    }
    return sb.toString();
  }
}
