package dev.drydock.lint.observe;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one statement of a new migration did on the throwaway, observed on its own connection and
 * transaction right before and right after it ran.
 *
 * @param index 0-based position among the migration's statements
 * @param file the migration file
 * @param line 1-based line of the statement's first token (0 when it could not be found)
 * @param endLine 1-based line where the statement ends
 * @param sql the statement as Flyway ran it (placeholders replaced)
 * @param inTransaction true when it ran inside the migration's transaction
 * @param locksObserved false when its locks could not be seen (a statement that cannot run inside a
 *     transaction block, run without one): then {@code locksAfter} is empty
 * @param lockTimeoutMillis {@code lock_timeout} in effect while it ran (0: wait forever)
 * @param statementTimeoutMillis {@code statement_timeout} in effect while it ran
 * @param locksBefore the strongest lock the transaction held on each relation before it ran
 * @param locksAfter the strongest lock held on each relation right after it ran (same transaction,
 *     so still held until commit when it ran inside one)
 * @param sequentialScans for each table, how many sequential scans it started
 * @param before the catalog right before it ran
 * @param after the catalog right after it ran
 */
public record ObservedStatement(
    int index,
    Path file,
    int line,
    int endLine,
    String sql,
    boolean inTransaction,
    boolean locksObserved,
    long lockTimeoutMillis,
    long statementTimeoutMillis,
    Map<Long, LockMode> locksBefore,
    Map<Long, LockMode> locksAfter,
    Map<Long, Long> sequentialScans,
    CatalogState before,
    CatalogState after) {

  /** {@code V3__x.sql:12}. */
  public String where() {
    return file.getFileName() + (line > 0 ? ":" + line : "");
  }

  /** The first line of the statement's code (leading comments skipped), for messages. */
  public String firstLine() {
    String s = sql.strip();
    while (s.startsWith("--") || s.startsWith("/*")) {
      int end = s.startsWith("--") ? s.indexOf('\n') : s.indexOf("*/");
      if (end < 0) {
        break;
      }
      s = s.substring(end + (s.startsWith("--") ? 1 : 2)).strip();
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl).strip() + " …";
  }

  /** The relation with {@code oid}: as it was before the statement, else as created by it. */
  public Relation relation(long oid) {
    Relation r = before.relation(oid);
    return r != null ? r : after.relation(oid);
  }

  /** The SQL text upper-cased with comments and extra blanks removed, for keyword checks. */
  public String normalizedSql() {
    return sql.replaceAll("(?s)/\\*.*?\\*/", " ")
        .replaceAll("--[^\\n]*", " ")
        .replaceAll("\\s+", " ")
        .strip()
        .toUpperCase(java.util.Locale.ROOT);
  }
}
