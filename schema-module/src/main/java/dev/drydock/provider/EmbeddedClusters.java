package dev.drydock.provider;

import java.util.Optional;

/**
 * The embedded provider's clusters, for a cache of saved (migrated) ones: which binaries and initdb
 * options a cluster belongs to, and starting a server on a saved cluster instead of the empty
 * template. A saved cluster only fits the binaries it was made with, so caches key it by {@link
 * #identity}.
 */
public final class EmbeddedClusters {

  private EmbeddedClusters() {}

  /**
   * What a cluster for these settings depends on (the binaries archive and the initdb options),
   * e.g. {@code 3f2a…-cluster-wal1m}; empty when the settings do not run the embedded provider with
   * a shared cluster (another provider, or running as nobody with a private initdb), where clusters
   * cannot be saved.
   */
  public static Optional<String> identity(ProviderSettings settings) {
    if (Providers.resolve(settings) != ProviderKind.EMBEDDED || RunAs.detect() == RunAs.NOBODY) {
      return Optional.empty();
    }
    return Optional.of(
        PostgresBinaries.cacheKey(settings.postgresBinaries()) + ClusterTemplate.SUFFIX);
  }

  /**
   * Starts the embedded server on what {@code source} copies; when it copies nothing, on the empty
   * template, and then the settings' init SQL runs as {@link ThrowawayDatabase#start} would (a
   * saved cluster already has it).
   */
  public static Started start(ProviderSettings settings, ClusterSource source) {
    Orphans.reap(settings.cacheDirectory());
    EmbeddedPostgres db = EmbeddedPostgres.start(settings, RunAs.detect(), source);
    if (!db.startedFromSource()) {
      try {
        Providers.runInitSql(db, settings.initSql());
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
    }
    return new Started(db, db.startedFromSource());
  }

  /**
   * A started server and whether it runs on the source's cluster.
   *
   * @param database the throwaway database, to close
   * @param fromSource true when {@link ClusterSource#copyInto} gave the cluster
   */
  public record Started(ThrowawayDatabase database, boolean fromSource) {}
}
