package dev.drydock.draft;

import dev.drydock.introspect.Catalog;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The throwaway server a draft works on, started on first use: the migrations applied (from a
 * snapshot when there is one), or an empty one when there are no migrations yet. Catalogs kept with
 * the migrations' final snapshot are read and kept through it, so a draft that finds all it needs
 * there starts none.
 */
final class DraftServer implements AutoCloseable {
  private final ProviderSettings throwaway;
  private final Consumer<String> log;
  private final MigratedDatabase.Builder builder;
  private MigratedDatabase migrated;
  private ThrowawayDatabase empty;
  private boolean started;

  /**
   * @param migrations the migrations, or null when there are none yet
   */
  DraftServer(
      Migrations migrations,
      ProviderSettings throwaway,
      SnapshotSettings snapshots,
      Consumer<String> log) {
    this.throwaway = throwaway;
    this.log = log;
    this.builder =
        migrations == null
            ? null
            : MigratedDatabase.configure()
                .provider(throwaway)
                .migrations(migrations)
                .snapshots(snapshots)
                .log(log);
  }

  /** The catalog kept under {@code name} with the migrations' final snapshot, if there is one. */
  Optional<Catalog> cached(String name) {
    return builder == null ? Optional.empty() : builder.cachedCatalog(name);
  }

  /** Keeps a catalog with the final snapshot; only once the server started (it saves it). */
  void keep(String name, Catalog catalog) {
    if (migrated != null) {
      long keeping = System.nanoTime();
      migrated.keepCatalog(name, catalog);
      log.accept(
          "Kept the catalog ("
              + catalog.objects().size()
              + " object(s)) with the snapshot, if there is one, "
              + (System.nanoTime() - keeping) / 1_000_000
              + " ms");
    }
  }

  /** The migrated (or empty) database, the server started now if it was not. */
  ThrowawayDatabase base() {
    if (!started) {
      started = true;
      if (builder == null) {
        log.accept("No migrations yet: drafting the first one on an empty throwaway PostgreSQL");
        empty = ThrowawayDatabase.start(throwaway);
      } else {
        log.accept("Applying the migrations to a throwaway PostgreSQL");
        long starting = System.nanoTime();
        migrated = builder.start();
        log.accept(
            "The migrations' database is ready ("
                + migrated.startedFrom()
                + "), "
                + (System.nanoTime() - starting) / 1_000_000
                + " ms");
      }
    }
    return migrated != null ? migrated.database() : empty;
  }

  /**
   * Whether the started database is thrown away unsaved, so that a proof may change it in place:
   * the migrations' state is already a snapshot (or snapshots are off), or there are no migrations.
   */
  boolean disposable() {
    return started && (migrated == null || !migrated.savesOnClose());
  }

  /** Whether {@link #base()} started a server. */
  boolean started() {
    return started;
  }

  /** Stops and deletes the server (saving the migrations' snapshot when new). */
  @Override
  public void close() {
    if (migrated != null) {
      long stopping = System.nanoTime();
      migrated.close();
      log.accept(
          "Stopped the throwaway server, " + (System.nanoTime() - stopping) / 1_000_000 + " ms");
    }
    if (empty != null) {
      empty.close();
    }
  }
}
