package dev.drydock.dao;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.jooq.Field;
import org.jooq.RecordContext;
import org.jooq.RecordListener;
import org.jooq.TableRecord;

/**
 * Sets a table's record timestamp field (jOOQ's {@code Table.getRecordTimestamp()}, marked by the
 * code generator's {@code recordTimestampFields}, {@code updated_at} by default) when {@code
 * UpdatableRecord.store()} or {@code update()} writes a changed record, unless the caller set it,
 * so records follow the same rule as the repositories' updates. Inserts leave it to the database
 * (jOOQ's own {@code updateRecordTimestamp} is off, see {@link DrydockDatabase}). The value is the
 * application's clock (a record cannot carry an SQL expression such as {@code now()}); the
 * repositories use the database's {@code current_timestamp}.
 */
final class TouchUpdatedAt implements RecordListener {

  private static final long serialVersionUID = 1L;

  static final TouchUpdatedAt INSTANCE = new TouchUpdatedAt();

  private TouchUpdatedAt() {}

  @Override
  public void updateStart(RecordContext ctx) {
    if (ctx.record() instanceof TableRecord<?> r) {
      touch(r);
    }
  }

  @SuppressWarnings("unchecked")
  private static void touch(TableRecord<?> r) {
    Field<?> f = r.getTable().getRecordTimestamp();
    if (f == null || r.changed(f) || !r.changed()) {
      return;
    }
    Object now = now(f.getType());
    if (now != null) {
      r.set((Field<Object>) f, now);
    }
  }

  private static Object now(Class<?> type) {
    if (type == OffsetDateTime.class) {
      return OffsetDateTime.now();
    } else if (type == LocalDateTime.class) {
      return LocalDateTime.now();
    } else if (type == Instant.class) {
      return Instant.now();
    } else if (type == java.sql.Timestamp.class) {
      return new java.sql.Timestamp(System.currentTimeMillis());
    }
    return null;
  }
}
