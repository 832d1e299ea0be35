package dev.drydock.dao.repository;

import java.util.List;
import java.util.Optional;

/**
 * One page of a keyset-paginated list: the items, and the cursor to pass to {@link
 * PageRequest#after} for the next page (empty on the last page).
 *
 * @param <T> item type
 * @param <C> cursor type (the key the list is ordered by)
 */
public record Page<T, C>(List<T> items, Optional<C> nextCursor) {

  public Page {
    items = List.copyOf(items);
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return nextCursor.isPresent();
  }
}
