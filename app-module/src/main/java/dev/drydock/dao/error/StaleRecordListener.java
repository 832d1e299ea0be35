package dev.drydock.dao.error;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordContext;
import org.jooq.RecordListener;
import org.jooq.TableRecord;
import org.jooq.UpdatableRecord;
import org.jooq.exception.DataChangedException;

/**
 * Makes jOOQ's {@code UpdatableRecord.store()} / {@code update()} of a stale record fail like the
 * repositories' optimistic update: with a {@link StaleVersionException} (retryable, jOOQ's {@link
 * DataChangedException} as its cause) instead of the bare {@code DataChangedException}. Only its
 * {@link #exception(RecordContext)} hook does work. Stateless.
 */
public final class StaleRecordListener implements RecordListener {

  private static final long serialVersionUID = 1L;

  /** The shared instance. */
  public static final StaleRecordListener INSTANCE = new StaleRecordListener();

  private StaleRecordListener() {}

  @Override
  public void exception(RecordContext ctx) {
    if (ctx.exception() instanceof DataChangedException changed
        && ctx.record() instanceof TableRecord<?> record) {
      Field<?> version = record.getTable().getRecordVersion();
      throw StaleVersionException.ofStore(
          record.getTable().getName(),
          version == null ? null : version.getName(),
          id(record),
          expectedVersion(record, version),
          changed);
    }
  }

  /** The primary key value (a record of its fields if it has several), or {@code null}. */
  private static Object id(TableRecord<?> record) {
    if (record instanceof UpdatableRecord<?> updatable
        && record.getTable().getPrimaryKey() != null) {
      Record key = updatable.key();
      return key.size() == 1 ? key.get(0) : key;
    }
    return null;
  }

  /**
   * The version the record was read at ({@code -1} if the table has no record version field in
   * jOOQ's metadata, {@code Table.getRecordVersion()}).
   */
  private static long expectedVersion(Record record, Field<?> version) {
    Object original = version == null ? null : record.original(version);
    return original instanceof Number n ? n.longValue() : -1;
  }
}
