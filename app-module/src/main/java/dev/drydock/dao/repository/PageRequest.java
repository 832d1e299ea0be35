package dev.drydock.dao.repository;

/**
 * Which page of a keyset-paginated list to read: up to {@code limit} items whose key is greater
 * than {@code after} ({@code null}: from the start). Keyset pagination costs the same on page 1000
 * as on page 1 and does not skip or repeat rows when rows are inserted meanwhile.
 */
public record PageRequest<C>(C after, int limit) {

  /** Largest page size accepted. */
  public static final int MAX_LIMIT = 1000;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "]: " + limit);
    }
  }

  /** The first page. */
  public static <C> PageRequest<C> first(int limit) {
    return new PageRequest<>(null, limit);
  }

  /** The page after {@code cursor}. */
  public static <C> PageRequest<C> after(C cursor, int limit) {
    return new PageRequest<>(cursor, limit);
  }
}
