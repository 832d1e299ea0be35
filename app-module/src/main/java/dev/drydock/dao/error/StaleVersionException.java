package dev.drydock.dao.error;

import java.util.OptionalLong;

/**
 * An optimistic update found the row at another version (the table's record version column, e.g.
 * {@code lock_version}) than the one the caller read: someone else changed it in between.
 * Retryable: read the row again, re-apply the change, update again.
 */
public class StaleVersionException extends ConflictException {

  private static final long serialVersionUID = 1L;

  private final Object id;
  private final long expectedVersion;
  private final Long actualVersion;

  private StaleVersionException(
      String table, String column, Object id, long expected, Long actual) {
    this(
        table,
        column,
        id,
        expected,
        actual,
        actual == null ? ", row changed concurrently" : " but found " + actual,
        null);
  }

  private StaleVersionException(
      String table,
      String column,
      Object id,
      long expected,
      Long actual,
      String found,
      Throwable cause) {
    super(
        "Stale version of " + table + " id " + id + ": expected " + column + " " + expected + found,
        new ServerError(null, null, null, null, table, column, null),
        cause,
        true);
    this.id = id;
    this.expectedVersion = expected;
    this.actualVersion = actual;
  }

  /**
   * The row is at {@code actual}, not at {@code expected} (in the version column {@code column}).
   */
  public static StaleVersionException of(
      String table, String column, Object id, long expected, long actual) {
    return new StaleVersionException(table, column, id, expected, actual);
  }

  /** The row changed while the update ran; its new version is not known. */
  public static StaleVersionException unknownActual(
      String table, String column, Object id, long expected) {
    return new StaleVersionException(table, column, id, expected, null);
  }

  /**
   * jOOQ's {@code UpdatableRecord.store()} (or {@code update()}) found the row changed or deleted
   * since the record was read; {@code cause} is jOOQ's {@code DataChangedException}.
   */
  public static StaleVersionException ofStore(
      String table, String column, Object id, long expected, RuntimeException cause) {
    return new StaleVersionException(
        table, column, id, expected, null, ", row changed or deleted since it was read", cause);
  }

  /** Primary key of the row. */
  public Object id() {
    return id;
  }

  /** The version the caller read and expected the row to still have. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The row's version when the update ran, if known. */
  public OptionalLong actualVersion() {
    return actualVersion == null ? OptionalLong.empty() : OptionalLong.of(actualVersion);
  }
}
