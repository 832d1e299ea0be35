package dev.drydock.studio;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * PostgreSQL errors as the page shows them, worded as the DAO's translator words them ({@code
 * [23505] duplicate key value violates unique constraint "users_email_key" (Key
 * (email)=(a@example.com) already exists.)}), from the SQLState and the server's error fields. The
 * studio cannot use the DAO (schema-module does not depend on app-module), so the mapping is here.
 */
final class DatabaseErrors {

  private DatabaseErrors() {}

  /** What the page gets for {@code e}, raised by a statement of {@code operation}. */
  static StudioException translate(SQLException e, Operation operation) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    String constraint = server == null ? null : server.getConstraint();
    String text =
        server != null && server.getMessage() != null ? server.getMessage() : firstLine(e);
    String detail = server == null ? null : server.getDetail();
    String message =
        (state.isEmpty() ? "" : "[" + state + "] ")
            + text
            + (detail == null ? "" : " (" + detail + ")");
    return switch (state) {
      case "23505" -> error(409, "duplicate_key", "Duplicate key: " + message, constraint, e);
      case "23P01" -> error(409, "exclusion_violation", "Conflict: " + message, constraint, e);
      case "23503" ->
          operation == Operation.DELETE
              ? error(409, "still_referenced", "Still referenced: " + message, constraint, e)
              : error(409, "missing_reference", "Missing reference: " + message, constraint, e);
      case "23514" -> error(422, "check_violation", "Check violation: " + message, constraint, e);
      case "23502" -> error(422, "not_null_violation", "Missing value: " + message, constraint, e);
      case "25006" ->
          error(
              403,
              "read_only",
              "Read-only: " + message + "; start the studio with --write",
              null,
              e);
      case "57014" -> error(503, "timeout", "Query timed out: " + message, null, e);
      default -> {
        if (state.startsWith("22")) {
          yield error(422, "invalid_input", "Invalid input: " + message, constraint, e);
        }
        if (state.startsWith("08")) {
          yield error(503, "unavailable", "Database unavailable: " + message, null, e);
        }
        if (state.startsWith("42")) {
          yield error(400, "bad_request", "Rejected by the database: " + message, null, e);
        }
        yield error(500, "database_error", "Database error: " + message, constraint, e);
      }
    };
  }

  private static StudioException error(
      int status, String kind, String message, String constraint, SQLException cause) {
    return new StudioException(status, kind, message, constraint, cause);
  }

  private static String firstLine(SQLException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** The kind of statement that failed: a 23503 on DELETE means still referenced. */
  enum Operation {
    READ,
    INSERT,
    UPDATE,
    DELETE
  }
}
