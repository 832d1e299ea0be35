package dev.drydock.dao;

import java.time.OffsetDateTime;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordContext;
import org.jooq.RecordListener;

/**
 * Sets {@code updated_at} when {@code UpdatableRecord.store()} or {@code update()} writes a record
 * of a table that has the column, unless the caller set it, so records follow the same rule as the
 * repositories' updates. The value is the application's clock (a record cannot carry an SQL
 * expression such as {@code now()}); the repositories use the database's {@code current_timestamp}.
 */
final class TouchUpdatedAt implements RecordListener {

  private static final long serialVersionUID = 1L;

  static final TouchUpdatedAt INSTANCE = new TouchUpdatedAt();

  private TouchUpdatedAt() {}

  @Override
  public void updateStart(RecordContext ctx) {
    touch(ctx.record());
  }

  private static void touch(Record r) {
    Field<?> f = r.field("updated_at");
    if (f != null && f.getType() == OffsetDateTime.class && !r.changed(f) && r.changed()) {
      @SuppressWarnings("unchecked")
      Field<OffsetDateTime> updatedAt = (Field<OffsetDateTime>) f;
      r.set(updatedAt, OffsetDateTime.now());
    }
  }
}
