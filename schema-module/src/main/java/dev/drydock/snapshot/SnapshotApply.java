package dev.drydock.snapshot;

import dev.drydock.migrate.MigrationChain;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ClusterSource;
import dev.drydock.provider.EmbeddedClusters;
import dev.drydock.provider.ProviderException;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.SavableCluster;
import dev.drydock.provider.ThrowawayDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One apply of {@link MigratedDatabase} that starts from, and saves, snapshots: from the first of
 * (final state, longest versioned prefix) that the cache has; versioned migrations in segments of
 * the interval, each end saved (stop, copy, start); before the repeatables, the state after the
 * last versioned one; at close, the final state.
 */
final class SnapshotApply {
  private final SnapshotCache cache;
  private final String identity;
  private final SnapshotKeys keys;
  private final MigrationChain chain;
  private final Migrations migrations;
  private final SnapshotSettings settings;
  private final Consumer<String> log;
  private final Consumer<String> beforeEach;

  SnapshotApply(
      SnapshotCache cache,
      String identity,
      SnapshotKeys keys,
      MigrationChain chain,
      Migrations migrations,
      SnapshotSettings settings,
      Consumer<String> log,
      Consumer<String> beforeEach) {
    this.cache = cache;
    this.identity = identity;
    this.keys = keys;
    this.chain = chain;
    this.migrations = migrations;
    this.settings = settings;
    this.log = log;
    this.beforeEach = beforeEach;
  }

  MigratedDatabase start(ProviderSettings provider) {
    List<String> candidates = new ArrayList<>();
    candidates.add(keys.finalKey());
    if (chain.splittable()) {
      for (int i = keys.versionedCount(); i >= 1; i--) {
        if (!keys.afterVersioned(i).equals(keys.finalKey())) {
          candidates.add(keys.afterVersioned(i));
        }
      }
    }
    String[] matched = {null};
    ClusterSource source =
        data -> {
          matched[0] = cache.copyFirst(identity, candidates, data).orElse(null);
          return matched[0] != null;
        };
    EmbeddedClusters.Started started;
    try {
      started = EmbeddedClusters.start(provider, source);
    } catch (ProviderException e) {
      if (matched[0] == null) {
        throw e;
      }
      log.accept("The snapshot " + matched[0] + " did not start, discarded: " + e.getMessage());
      discard(matched[0]);
      matched[0] = null;
      started = EmbeddedClusters.start(provider, data -> false);
    }
    ThrowawayDatabase db = started.database();
    try {
      return apply(db, started.fromSource() ? matched[0] : null);
    } catch (RuntimeException | Error e) {
      db.close();
      throw e;
    }
  }

  private MigratedDatabase apply(ThrowawayDatabase db, String from) {
    if (keys.finalKey().equals(from)) {
      log.accept("Started from the snapshot of " + range(keys.versionedCount(), true));
      return new MigratedDatabase(db, 0, "snapshot " + range(keys.versionedCount(), true), null);
    }
    int done = from == null ? 0 : prefixCount(from);
    int total = keys.versionedCount();
    String origin = from == null ? "empty cluster" : "snapshot " + range(done, false);
    if (from != null) {
      log.accept(
          "Started from the snapshot of "
              + range(done, false)
              + ": "
              + (total - done)
              + " versioned migration(s) to apply");
    }
    int applied = 0;
    if (chain.splittable()) {
      int interval = settings.interval();
      for (int c = interval == 0 ? total : (done / interval + 1) * interval;
          c < total;
          c += interval) {
        applied += versionedTo(db, c);
        done = c;
      }
      if (!keys.finalIsLastVersioned() && done < total) {
        applied += versionedTo(db, total);
      }
    }
    applied += migrations.migrate(db.dataSource(), beforeEach).applied();
    Runnable saveFinal = cache.has(identity, keys.finalKey()) ? null : () -> saveFinal(db);
    return new MigratedDatabase(db, applied, origin, saveFinal);
  }

  /** Applies versioned migrations up to the {@code count}-th and saves that state. */
  private int versionedTo(ThrowawayDatabase db, int count) {
    String version = chain.versioned().get(count - 1).version();
    int applied = migrations.migrateVersionedTo(db.dataSource(), version, beforeEach).applied();
    String key = keys.afterVersioned(count);
    if (!cache.has(identity, key)) {
      SavableCluster cluster = db.savable().orElseThrow();
      try {
        cluster.stop();
        cache.save(snapshot(key, Snapshot.Kind.PREFIX, count, 0), cluster.dataDirectory(), max());
      } catch (ProviderException | IOException e) {
        log.accept("Could not save the snapshot of " + range(count, false) + ": " + e);
      } finally {
        cluster.start();
      }
    }
    return applied;
  }

  private void saveFinal(ThrowawayDatabase db) {
    SavableCluster cluster = db.savable().orElseThrow();
    try {
      cluster.stop();
      cache.save(
          snapshot(
              keys.finalKey(),
              keys.finalIsLastVersioned() ? Snapshot.Kind.PREFIX : Snapshot.Kind.FINAL,
              keys.versionedCount(),
              chain.repeatables().size()),
          cluster.dataDirectory(),
          max());
      log.accept("Saved the snapshot of " + range(keys.versionedCount(), true));
    } catch (ProviderException | IOException e) {
      log.accept("Could not save the snapshot of the migrated database: " + e.getMessage());
    }
  }

  private long max() {
    return settings.maxBytes();
  }

  private Snapshot snapshot(String key, Snapshot.Kind kind, int count, int repeatables) {
    List<MigrationChain.Versioned> v = chain.versioned();
    Path location = migrations.locations().get(0).toAbsolutePath().normalize();
    return new Snapshot(
        identity,
        key,
        kind,
        count,
        count == 0 ? "" : v.get(0).version(),
        count == 0 ? "" : v.get(count - 1).version(),
        repeatables,
        location.toString(),
        0,
        null,
        null);
  }

  private int prefixCount(String key) {
    for (int i = keys.versionedCount(); i >= 1; i--) {
      if (keys.afterVersioned(i).equals(key)) {
        return i;
      }
    }
    throw new IllegalStateException("Not a key of this chain: " + key);
  }

  private String range(int count, boolean all) {
    Snapshot s = snapshot("", Snapshot.Kind.PREFIX, count, all ? repeatableScripts() : 0);
    return s.range();
  }

  private int repeatableScripts() {
    return (int) chain.repeatables().stream().filter(p -> !p.toString().endsWith(".conf")).count();
  }

  private void discard(String key) {
    try {
      cache.discard(identity, key);
    } catch (IOException e) {
      log.accept("Could not delete the snapshot " + key + ": " + e.getMessage());
    }
  }
}
