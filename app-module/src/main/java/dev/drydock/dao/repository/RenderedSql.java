package dev.drydock.dao.repository;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The SQL jOOQ rendered for the direct path's statements, by statement and shape (e.g. which
 * columns an update sets), for one repository and the contexts it hands on with {@code using(tx)}:
 * rendered on first use with that context's settings, then reused. Thread-safe; bounded by the
 * number of shapes the application uses.
 */
final class RenderedSql {

  /** One statement's shape: its name and, e.g., a bit per column it sets. */
  record Shape(String statement, long columns) {}

  private final ConcurrentHashMap<Shape, String> sql = new ConcurrentHashMap<>();

  String get(Shape shape, Supplier<String> render) {
    String cached = sql.get(shape);
    if (cached == null) {
      cached = render.get();
      sql.putIfAbsent(shape, cached);
    }
    return cached;
  }
}
