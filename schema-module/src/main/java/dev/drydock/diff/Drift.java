package dev.drydock.diff;

import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.Introspector;
import java.sql.Connection;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The whole comparison {@code drydock diff} makes: both databases introspected, then compared. */
public final class Drift {

  private Drift() {}

  /**
   * Introspects {@code expected} (the migrated database) and {@code actual} (the live one)
   * concurrently, one thread each, and compares them.
   *
   * @param schemas the schemas to compare; empty for every non-system schema
   */
  public static DiffResult between(
      Introspector introspector,
      Connection expected,
      Connection actual,
      Collection<String> schemas) {
    CompletableFuture<Catalog> expectedCatalog =
        CompletableFuture.supplyAsync(() -> introspector.load(expected, schemas));
    Catalog actualCatalog = introspector.load(actual, schemas);
    return SchemaComparator.compare(join(expectedCatalog), actualCatalog);
  }

  private static Catalog join(CompletableFuture<Catalog> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }
}
