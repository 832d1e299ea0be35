package dev.drydock.studio;

import java.util.List;

/**
 * One page request of the rows grid.
 *
 * @param sortColumn the column to sort by, or null for the primary key
 * @param descending sort direction; NULLs come last ascending and first descending (PostgreSQL's
 *     order, the exact reverse)
 * @param filters combined with AND
 * @param after the keyset cursor: the last row's sort value then its key values, as the previous
 *     page returned them; empty for the first page
 * @param limit rows per page
 */
public record RowQuery(
    String schema,
    String table,
    String sortColumn,
    boolean descending,
    List<Filter> filters,
    List<String> after,
    int limit) {

  public static final int MAX_LIMIT = 1000;

  public RowQuery {
    filters = List.copyOf(filters);
    after = after == null ? List.of() : java.util.Collections.unmodifiableList(after);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new StudioException(
          400, "bad_request", "Page size must be 1 to " + MAX_LIMIT + ", got " + limit);
    }
  }
}
