package dev.drydock.dao.error;

import java.util.Map;

/**
 * The one table from SQLState to Drydock's error categories, modelled on Spring's {@code
 * SQLStateSQLExceptionTranslator}. Exact codes are looked up first, then the two-character class. A
 * code not in the table is not translated.
 *
 * <p>References: PostgreSQL "Appendix A. PostgreSQL Error Codes"; Aurora DSQL "Concurrency control"
 * (optimistic concurrency errors {@code OC000}/{@code OC001}).
 */
final class SqlStateTable {

  /**
   * What a SQLState means to an application. Whether it is retryable is decided in one place: the
   * exception each category becomes ({@link ErrorTranslator}; only {@link UnavailableException}
   * is).
   */
  enum Category {
    CONFLICT,
    /** {@code 23503}: NotFound or Conflict by the server's text ({@link ForeignKeyViolation}). */
    FOREIGN_KEY,
    NOT_FOUND,
    INVALID_INPUT,
    UNAVAILABLE,
    /** The statement (a COMMIT) may or may not have taken effect: never retried. */
    OUTCOME_UNKNOWN
  }

  private static final Map<String, Category> CODES =
      Map.ofEntries(
          // --- class 23: integrity constraint violation -----------------------------------------
          // 23505 unique_violation: a row with the same unique key exists (e.g. unique_email)
          Map.entry("23505", Category.CONFLICT),
          // 23P01 exclusion_violation: overlaps a row under an EXCLUDE constraint
          Map.entry("23P01", Category.CONFLICT),
          // 23001 restrict_violation: the row is still referenced (SQL standard; RESTRICT)
          Map.entry("23001", Category.CONFLICT),
          // 23503 foreign_key_violation: missing referenced row, or deleted row still referenced
          Map.entry("23503", Category.FOREIGN_KEY),
          // 23502 not_null_violation: a NOT NULL column got null (column is reported)
          Map.entry("23502", Category.INVALID_INPUT),
          // 23514 check_violation: a CHECK constraint is false (e.g. balance >= 0)
          Map.entry("23514", Category.INVALID_INPUT),
          // --- class 40: transaction rollback -------------------------------------------------
          // 40001 serialization_failure: SERIALIZABLE/REPEATABLE READ conflict; Aurora DSQL also
          // sends its optimistic concurrency failures as 40001 with OC000/OC001 in the message
          Map.entry("40001", Category.UNAVAILABLE),
          // 40P01 deadlock_detected: this transaction was chosen as the deadlock victim
          Map.entry("40P01", Category.UNAVAILABLE),
          // CockroachDB sends its "restart transaction" errors as 40001 too (RETRY_SERIALIZABLE,
          // RETRY_WRITE_TOO_OLD, ReadWithinUncertaintyIntervalError, ABORT_REASON_*, ...): the
          // whole transaction is retried, as its docs ask ("Transaction Retry Error Reference")
          // 40003 statement_completion_unknown: CockroachDB's "result is ambiguous" (a COMMIT
          // whose outcome is unknown, e.g. a node failed): not retried, it may have committed
          Map.entry("40003", Category.OUTCOME_UNKNOWN),
          // --- lock and statement timeouts
          // --------------------------------------------------------
          // 55P03 lock_not_available: NOWAIT or lock_timeout
          Map.entry("55P03", Category.UNAVAILABLE),
          // 57014 query_canceled: statement_timeout, JDBC query timeout or pg_cancel_backend
          Map.entry("57014", Category.UNAVAILABLE),
          // 25P03 idle_in_transaction_session_timeout: session closed while idle in transaction
          Map.entry("25P03", Category.UNAVAILABLE),
          // --- class 57: operator intervention --------------------------------------------------
          // 57P01 admin_shutdown: server shutting down or backend terminated
          Map.entry("57P01", Category.UNAVAILABLE),
          // 57P02 crash_shutdown: another backend crashed, server restarting
          Map.entry("57P02", Category.UNAVAILABLE),
          // 57P03 cannot_connect_now: server starting up or in recovery
          Map.entry("57P03", Category.UNAVAILABLE),
          // 57P05 idle_session_timeout: idle session closed by the server
          Map.entry("57P05", Category.UNAVAILABLE),
          // --- Aurora DSQL optimistic concurrency control, when surfaced as the SQLState -------
          // OC000: data conflict, a concurrent transaction committed a change to the same rows
          Map.entry("OC000", Category.UNAVAILABLE),
          // OC001: schema changed since the transaction started
          Map.entry("OC001", Category.UNAVAILABLE));

  private static final Map<String, Category> CLASSES =
      Map.of(
          // class 22 data_exception: 22001 string too long, 22P02 invalid text representation,
          // 22003 numeric out of range, 22007 bad datetime, 22012 division by zero, ...
          "22", Category.INVALID_INPUT,
          // class 08 connection_exception: 08001 cannot connect, 08006 connection failure, ...
          "08", Category.UNAVAILABLE,
          // class 53 insufficient_resources: 53300 too many connections, 53200 out of memory, ...
          "53", Category.UNAVAILABLE);

  private SqlStateTable() {}

  /** The category of {@code sqlState}, or {@code null} if the table does not translate it. */
  static Category categorize(String sqlState) {
    if (sqlState == null || sqlState.length() != 5) {
      return null;
    }
    Category exact = CODES.get(sqlState);
    return exact != null ? exact : CLASSES.get(sqlState.substring(0, 2));
  }
}
