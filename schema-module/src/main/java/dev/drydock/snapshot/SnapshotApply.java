package dev.drydock.snapshot;

import dev.drydock.files.FileTrees;
import dev.drydock.introspect.Catalog;
import dev.drydock.lifecycle.JvmShutdown;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One apply of {@link MigratedDatabase} that starts from, and saves, snapshots: from the first of
 * (final state, longest versioned prefix) that the cache has; versioned migrations in segments of
 * the interval, each end saved (stop, copy, start); before the repeatables, the state after the
 * last versioned one; at close, the final state. A run that started from a snapshot and applied the
 * rest in less than {@link SnapshotSettings#minTailTime()} saves neither of the last two (the final
 * state still when something is kept with it or a save is asked for): the next run re-applies that
 * cheap tail instead.
 */
final class SnapshotApply {
  private final SnapshotCache cache;
  private final String identity;
  private final SnapshotKeys keys;
  private final MigrationChain chain;
  private final Migrations migrations;
  private final SnapshotSettings settings;
  private final Consumer<String> log;
  private final Consumer<String> warnings;
  private final Consumer<String> beforeEach;
  private ExecutorService background;
  private Path template;

  /** Catalogs and files to keep with the final snapshot once it is saved. */
  private final Map<String, Object> catalogs = new LinkedHashMap<>();

  /** Whether the caller asked for the final state to be saved whatever applying it took. */
  private boolean saveRequested;

  /** How long closing waits for intermediate snapshots still being copied into the cache. */
  private static final int SAVE_WAIT_SECONDS = 120;

  SnapshotApply(
      SnapshotCache cache,
      String identity,
      SnapshotKeys keys,
      MigrationChain chain,
      Migrations migrations,
      SnapshotSettings settings,
      Consumer<String> log,
      Consumer<String> warnings,
      Consumer<String> beforeEach) {
    this.cache = cache;
    this.identity = identity;
    this.keys = keys;
    this.chain = chain;
    this.migrations = migrations;
    this.settings = settings;
    this.log = log;
    this.warnings = warnings;
    this.beforeEach = beforeEach;
  }

  MigratedDatabase start(ProviderSettings provider) {
    template = EmbeddedClusters.template(provider, identity);
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
          try {
            matched[0] =
                cache
                    .copyFirst(
                        identity,
                        candidates,
                        data,
                        template,
                        line -> warnings.accept("The snapshot " + line))
                    .orElse(null);
          } catch (IOException e) {
            // an unreadable cache costs a full apply, never the run
            log.accept("Could not read the snapshot cache: " + e.getMessage());
            matched[0] = null;
          }
          return matched[0] != null;
        };
    EmbeddedClusters.Started started;
    try {
      started = EmbeddedClusters.start(provider, source);
    } catch (ProviderException e) {
      if (matched[0] == null) {
        throw e;
      }
      warnings.accept(
          "The snapshot " + matched[0] + " did not start, discarded: " + e.getMessage());
      discard(matched[0]);
      matched[0] = null;
      started = EmbeddedClusters.start(provider, data -> false);
    }
    ThrowawayDatabase db = started.database();
    if (started.fromSource()) {
      Optional<String> mismatch = HistoryMatch.mismatch(db, migrations, held(matched[0]));
      if (mismatch.isPresent()) {
        warnings.accept(
            "The snapshot "
                + matched[0]
                + " does not hold what its key says ("
                + mismatch.get()
                + "), discarded; applying every migration");
        discard(matched[0]);
        db.close();
        started = EmbeddedClusters.start(provider, data -> false);
        db = started.database();
      }
    }
    try {
      return apply(db, started.fromSource() ? matched[0] : null);
    } catch (RuntimeException | Error e) {
      awaitSaves();
      db.close();
      throw e;
    }
  }

  private MigratedDatabase apply(ThrowawayDatabase db, String from) {
    if (keys.finalKey().equals(from)) {
      log.accept("Started from the snapshot of " + range(keys.versionedCount(), true));
      return new MigratedDatabase(
          db, total(), 0, "snapshot " + range(keys.versionedCount(), true), null, this::keep, null);
    }
    long applying = System.nanoTime();
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
      long minNanos = settings.minSegmentTime().toNanos();
      long segmentStart = System.nanoTime();
      // the first segment tells whether this history is slow enough for snapshots in between
      for (int c = (done / Math.max(interval, 1) + 1) * interval;
          interval > 0 && c < total;
          c += interval) {
        applied += versionedTo(db, c);
        done = c;
        if (System.nanoTime() - segmentStart < minNanos) {
          break;
        }
        save(db, c);
        segmentStart = System.nanoTime();
      }
      if (!keys.finalIsLastVersioned() && done < total) {
        // before the repeatables run: what every change of a repeatable and every added versioned
        // migration starts from, worth a restart unless this run restored a snapshot and applied
        // the rest quicker than a restart (the next run applies it again)
        applied += versionedTo(db, total);
        if (from == null || System.nanoTime() - applying >= settings.minTailTime().toNanos()) {
          save(db, total);
        }
      }
    }
    // what is applied is a prefix of these files (the snapshot's key says so): nothing to validate
    applied += migrations.migrateTrusted(db.dataSource(), beforeEach).applied();
    long tailNanos = System.nanoTime() - applying;
    boolean worthSaving = from == null || tailNanos >= settings.minTailTime().toNanos();
    return new MigratedDatabase(
        db,
        total(),
        applied,
        origin,
        finish(db, worthSaving, tailNanos / 1_000_000),
        this::keep,
        () -> saveRequested = true);
  }

  /** Applies the versioned migrations up to the {@code count}-th. */
  private int versionedTo(ThrowawayDatabase db, int count) {
    String version = chain.versioned().get(count - 1).version();
    return migrations.migrateVersionedTo(db.dataSource(), version, beforeEach).applied();
  }

  /**
   * Saves the state after the {@code count}-th versioned migration: the server stops, its cluster
   * is copied beside it (same file system, fast) and it starts again, while the copy goes into the
   * cache in the background.
   */
  private void save(ThrowawayDatabase db, int count) {
    String key = keys.afterVersioned(count);
    if (cache.has(identity, key)) {
      return;
    }
    SavableCluster cluster = db.savable().orElseThrow();
    Path staging = cluster.dataDirectory().resolveSibling("snapshot-" + count);
    boolean copied = false;
    try {
      cluster.stop();
      FileTrees.copy(cluster.dataDirectory(), staging);
      copied = true;
    } catch (ProviderException | IOException e) {
      log.accept("Could not save the snapshot of " + range(count, false) + ": " + e);
    } finally {
      cluster.start();
    }
    if (!copied) {
      return;
    }
    Snapshot snapshot = snapshot(key, Snapshot.Kind.PREFIX, count, 0);
    background()
        .execute(
            () -> {
              long started = System.nanoTime();
              try {
                cache.save(snapshot, staging, max(), template);
                log.accept("Saved the snapshot of " + range(count, false) + millisSince(started));
              } catch (IOException | RuntimeException e) {
                log.accept("Could not save the snapshot of " + range(count, false) + ": " + e);
              } finally {
                FileTrees.deleteQuietly(staging);
              }
            });
  }

  private ExecutorService background() {
    if (background == null) {
      background =
          Executors.newSingleThreadExecutor(
              task -> {
                Thread t = new Thread(task, "drydock-snapshot-save");
                t.setDaemon(true);
                return t;
              });
    }
    return background;
  }

  /**
   * Waits (at most {@value #SAVE_WAIT_SECONDS} s) for the background saves; on JVM shutdown,
   * cancels them instead (a half-written snapshot is never used: it is not renamed into place).
   */
  void awaitSaves() {
    if (background == null) {
      return;
    }
    background.shutdown();
    try {
      if (JvmShutdown.inProgress()
          || !background.awaitTermination(SAVE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        background.shutdownNow();
        if (!JvmShutdown.inProgress()) {
          log.accept("Gave up waiting for snapshots to be saved after " + SAVE_WAIT_SECONDS + " s");
        }
      }
    } catch (InterruptedException e) {
      background.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What closing does: the background saves end, then the final state is saved if new and worth it
   * ({@code worthSaving}: applied from an empty cluster, or the tail took long enough), or if
   * something is kept with it or a save was asked for.
   */
  private Runnable finish(ThrowawayDatabase db, boolean worthSaving, long tailMillis) {
    boolean saveFinal = !cache.has(identity, keys.finalKey());
    return () -> {
      awaitSaves();
      if (saveFinal && !JvmShutdown.inProgress()) {
        if (worthSaving || saveRequested || !catalogs.isEmpty()) {
          saveFinal(db);
        } else {
          log.accept(
              "Not saving the snapshot of "
                  + range(keys.versionedCount(), true)
                  + ": applying the rest took "
                  + tailMillis
                  + " ms, less than a save costs; the next run applies it again");
        }
      }
      catalogs.forEach(this::keepNow);
      catalogs.clear();
    };
  }

  private void saveFinal(ThrowawayDatabase db) {
    SavableCluster cluster = db.savable().orElseThrow();
    long started = System.nanoTime();
    try {
      cluster.stop();
      cache.save(
          snapshot(
              keys.finalKey(), Snapshot.Kind.FINAL, keys.versionedCount(), repeatableScripts()),
          cluster.dataDirectory(),
          max(),
          template);
      log.accept(
          "Saved the snapshot of " + range(keys.versionedCount(), true) + millisSince(started));
    } catch (ProviderException | IOException e) {
      log.accept("Could not save the snapshot of the migrated database: " + e.getMessage());
    }
  }

  private static String millisSince(long started) {
    return " [" + (System.nanoTime() - started) / 1_000_000 + " ms]";
  }

  /**
   * Keeps a catalog ({@link Catalog}) or file ({@code byte[]}) of the final state: now when its
   * snapshot exists, else after it is saved.
   */
  private void keep(String name, Object kept) {
    if (cache.has(identity, keys.finalKey())) {
      keepNow(name, kept);
    } else {
      catalogs.put(name, kept);
    }
  }

  private void keepNow(String name, Object kept) {
    try {
      if (kept instanceof Catalog catalog) {
        cache.saveCatalog(identity, keys.finalKey(), name, catalog);
      } else {
        cache.keep(identity, keys.finalKey(), name, (byte[]) kept);
      }
    } catch (IOException | RuntimeException e) {
      log.accept("Could not keep the catalog with the snapshot: " + e.getMessage());
    }
  }

  /** Every migration: what a full apply applies. */
  private int total() {
    return keys.versionedCount() + repeatableScripts();
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

  /** What the snapshot {@code key} holds: its versioned migrations, and the repeatables or not. */
  private HistoryMatch.Expected held(String key) {
    boolean all = keys.finalKey().equals(key);
    int count = all ? keys.versionedCount() : prefixCount(key);
    return new HistoryMatch.Expected(
        chain.versioned().subList(0, count),
        all
            ? migrations.resolved().repeatables().stream().map(r -> r.description()).toList()
            : List.of());
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
