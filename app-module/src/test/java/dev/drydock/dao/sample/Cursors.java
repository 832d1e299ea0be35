package dev.drydock.dao.sample;

import dev.drydock.dao.TableRepository;
import dev.drydock.dao.repository.Page;
import dev.drydock.dao.repository.PageRequest;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.UpdatableRecord;

/**
 * The sample's pages with a one-column cursor (the id, or a unique column), over {@link
 * TableRepository#page}, whose cursor is a record of the sort columns.
 */
final class Cursors {

  private Cursors() {}

  @SuppressWarnings("unchecked")
  static <R extends UpdatableRecord<R>, T> Page<R, T> by(
      TableRepository<R, ?> repository, Field<T> column, Condition condition, PageRequest<T> page) {
    PageRequest<Record> request = PageRequest.first(page.limit());
    if (page.after() != null) {
      Record cursor = repository.dsl().newRecord(column);
      cursor.set(column, page.after());
      request = PageRequest.after(cursor, page.limit());
    }
    Page<R, Record> rows = repository.page(condition, request, column.asc());
    Optional<T> next = rows.nextCursor().map(r -> (T) r.get(0));
    return new Page<>(rows.items(), next);
  }
}
