package dev.drydock.dao.error;

/**
 * A row the statement needs does not exist: a foreign key points to a missing row ({@code 23503},
 * "is not present in table"), or the row to update or delete is gone.
 */
public class NotFoundException extends DatabaseException {

  private static final long serialVersionUID = 1L;

  NotFoundException(String message, ServerError error, Throwable cause) {
    super(message, error, cause, false);
  }

  /** An update or delete matched no row: the row with this key does not exist. */
  public static NotFoundException noRow(String table, Object id) {
    return new NotFoundException(
        "No row in " + table + " with id " + id,
        new ServerError(null, null, null, null, table, null, null),
        null);
  }
}
