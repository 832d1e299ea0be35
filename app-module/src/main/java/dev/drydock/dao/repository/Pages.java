package dev.drydock.dao.repository;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Builds a {@link Page} from a query that fetched {@code limit + 1} rows. */
final class Pages {

  private Pages() {}

  static <T, C> Page<T, C> of(List<T> fetched, int limit, Function<T, C> key) {
    if (fetched.size() <= limit) {
      return new Page<>(fetched, Optional.empty());
    }
    List<T> items = fetched.subList(0, limit);
    return new Page<>(items, Optional.of(key.apply(items.get(limit - 1))));
  }
}
