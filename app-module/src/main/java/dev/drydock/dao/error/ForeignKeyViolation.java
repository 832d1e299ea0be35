package dev.drydock.dao.error;

import java.util.Locale;

/**
 * Which side of a foreign key a {@code 23503} violation is on. PostgreSQL sends the same SQLState
 * for both and tells them apart only in its text ({@code ri_ReportViolation} in {@code
 * ri_triggers.c}):
 *
 * <ul>
 *   <li>a written row points to a row that does not exist: message {@code insert or update on table
 *       "posts" violates foreign key constraint "..."}, detail {@code Key (author_id)=(9) is not
 *       present in table "users".} ({@link #MISSING_REFERENCE}, NotFound);
 *   <li>a deleted or re-keyed row is still referenced: message {@code update or delete on table
 *       "users" violates foreign key constraint "..." on table "posts"}, detail {@code Key (id)=(1)
 *       is still referenced from table "posts".} ({@link #STILL_REFERENCED}, Conflict).
 * </ul>
 *
 * <p>The detail is read first, then the message (the detail reads {@code Key is not present ...}
 * without values when the user may not read the referenced table). Only when the server speaks
 * another language ({@code lc_messages}) is neither recognised; then the kind of statement decides:
 * a DELETE is still referenced, an UPDATE whose violation names another table than the updated one
 * is still referenced, anything else points to a missing row.
 */
enum ForeignKeyViolation {
  MISSING_REFERENCE,
  STILL_REFERENCED;

  /**
   * The side of the violation {@code error} reports.
   *
   * @param kind the kind of statement that failed, for servers whose messages are not in English
   * @param writtenTable the table the statement writes to, or {@code null} if unknown
   */
  static ForeignKeyViolation of(ServerError error, StatementKind kind, String writtenTable) {
    ForeignKeyViolation said = fromText(error.detail());
    if (said == null) {
      said = fromText(error.message());
    }
    if (said != null) {
      return said;
    }
    if (kind == StatementKind.DELETE) {
      return STILL_REFERENCED;
    }
    boolean otherTable =
        writtenTable != null && error.table() != null && !writtenTable.equals(error.table());
    return kind == StatementKind.UPDATE && otherTable ? STILL_REFERENCED : MISSING_REFERENCE;
  }

  /** The side the server's English text says, or {@code null}. */
  private static ForeignKeyViolation fromText(String text) {
    if (text == null) {
      return null;
    }
    String t = text.toLowerCase(Locale.ROOT);
    if (t.contains("is still referenced from table") || t.startsWith("update or delete on table")) {
      return STILL_REFERENCED;
    }
    if (t.contains("is not present in table")
        || t.startsWith("insert or update on table")
        || t.contains("match full does not allow mixing")) {
      return MISSING_REFERENCE;
    }
    return null;
  }
}
