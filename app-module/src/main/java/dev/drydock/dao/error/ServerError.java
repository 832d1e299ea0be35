package dev.drydock.dao.error;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The fields of a PostgreSQL error report (the {@code ErrorResponse} message), read from pgjdbc's
 * {@link ServerErrorMessage}. Any field may be {@code null}.
 */
record ServerError(
    String sqlState,
    String message,
    String constraint,
    String schema,
    String table,
    String column,
    String detail) {

  static final ServerError NONE = new ServerError(null, null, null, null, null, null, null);

  /**
   * Reads the error report of {@code e}. For a batch, pgjdbc reports the failing statement's {@code
   * PSQLException} as the next exception of the {@link BatchUpdateException}; it is preferred
   * because it carries the server's fields.
   */
  static ServerError of(SQLException e) {
    SQLException source = e;
    if (e instanceof BatchUpdateException && e.getNextException() != null) {
      source = e.getNextException();
    }
    if (source instanceof PSQLException psql) {
      ServerErrorMessage m = psql.getServerErrorMessage();
      if (m != null) {
        String state = m.getSQLState() != null ? m.getSQLState() : psql.getSQLState();
        return new ServerError(
            state,
            m.getMessage(),
            m.getConstraint(),
            m.getSchema(),
            m.getTable(),
            m.getColumn(),
            m.getDetail());
      }
    }
    String state = source.getSQLState() != null ? source.getSQLState() : e.getSQLState();
    return new ServerError(state, source.getMessage(), null, null, null, null, null);
  }
}
