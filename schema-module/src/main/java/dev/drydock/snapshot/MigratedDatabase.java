package dev.drydock.snapshot;

import dev.drydock.introspect.Catalog;
import dev.drydock.migrate.MigrationChain;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.EmbeddedClusters;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A throwaway database with the project's migrations applied: the one way Drydock gets the schema
 * the migrations describe (the goal, {@code generate}, {@code diff}, {@code pull}, the studio's
 * drift tab, the Spring drift check). With snapshots on and the embedded provider, it starts from
 * the cached cluster of the longest unchanged prefix of the migrations and lets Flyway apply only
 * the rest; when nothing changed, from the final state with no Flyway work at all. Use the database
 * read-only: closing it saves its final state for the next run. Build and start with {@link
 * #configure()}:
 *
 * <pre>{@code
 * try (MigratedDatabase migrated =
 *     MigratedDatabase.configure().provider(settings).migrations(migrations).start()) {
 *   Connection c = migrated.database().connect();
 * }
 * }</pre>
 */
public final class MigratedDatabase implements AutoCloseable {

  private final ThrowawayDatabase database;
  private final int migrations;
  private final int applied;
  private final String startedFrom;
  private final Runnable saveOnClose;
  private final BiConsumer<String, Object> catalogKeeper;
  private final Runnable saveRequest;
  private boolean closed;

  MigratedDatabase(
      ThrowawayDatabase database,
      int migrations,
      int applied,
      String startedFrom,
      Runnable saveOnClose,
      BiConsumer<String, Object> catalogKeeper,
      Runnable saveRequest) {
    this.database = database;
    this.migrations = migrations;
    this.applied = applied;
    this.startedFrom = startedFrom;
    this.saveOnClose = saveOnClose;
    this.catalogKeeper = catalogKeeper;
    this.saveRequest = saveRequest;
  }

  public static Builder configure() {
    return new Builder();
  }

  /** The migrated throwaway database. */
  public ThrowawayDatabase database() {
    return database;
  }

  /** How many migrations the database has: versioned and repeatable, applied now or before. */
  public int migrations() {
    return migrations;
  }

  /** How many migrations Flyway applied now (0 when the final state came from a snapshot). */
  public int applied() {
    return applied;
  }

  /** Where the cluster came from, e.g. {@code snapshot V1..V200} or {@code empty cluster}. */
  public String startedFrom() {
    return startedFrom;
  }

  /**
   * Keeps {@code catalog}, introspected from this database, with its final snapshot under {@code
   * name} (which must say how it was introspected: code, options), so that a later run with the
   * same migrations can take it from {@link Builder#cachedCatalog} without a database. Does nothing
   * without snapshots.
   */
  public void keepCatalog(String name, Catalog catalog) {
    if (catalogKeeper != null) {
      catalogKeeper.accept(name, catalog);
    }
  }

  /**
   * Keeps {@code content}, derived from this database, with its final snapshot under {@code name}
   * (which must say everything else it depends on), for {@link Builder#cachedFile}. Does nothing
   * without snapshots.
   */
  public void keepFile(String name, byte[] content) {
    if (catalogKeeper != null) {
      catalogKeeper.accept(name, content.clone());
    }
  }

  /**
   * Asks {@link #close()} to save the final state as a snapshot even when applying the migrations
   * after a restored one was too quick to be worth a save (see {@link
   * SnapshotSettings#minTailTime()}), so that the next run with these migrations starts from it.
   * Keeping a catalog or file asks for it too. Does nothing without snapshots or when the run
   * started from the final snapshot.
   */
  public void saveFinalState() {
    if (saveRequest != null) {
      saveRequest.run();
    }
  }

  /**
   * Whether {@link #close()} may save this database's state as a snapshot: when it did not start
   * from the final one (it saves it when new and worth it, see {@link #saveFinalState()}). When it
   * may not, the database may be changed before it is closed (a draft's proof applies its files to
   * it rather than to a copy).
   */
  public boolean savesOnClose() {
    return saveOnClose != null;
  }

  /** Saves the final state for the next run (when new and allowed), then stops and deletes all. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (saveOnClose != null) {
        saveOnClose.run();
      }
    } finally {
      database.close();
    }
  }

  /** Fluent builder; {@link #start()} ends it. */
  public static final class Builder {
    private ProviderSettings provider = ProviderSettings.defaults();
    private Migrations migrations;
    private SnapshotSettings snapshots = SnapshotSettings.defaults();
    private Consumer<String> log = line -> {};
    private Consumer<String> warnings;
    private Consumer<String> beforeEach = script -> {};
    private Prepared prepared;

    private Builder() {}

    public Builder provider(ProviderSettings provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.prepared = null;
      return this;
    }

    public Builder migrations(Migrations migrations) {
      this.migrations = Objects.requireNonNull(migrations, "migrations");
      this.prepared = null;
      return this;
    }

    public Builder snapshots(SnapshotSettings snapshots) {
      this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
      this.prepared = null;
      return this;
    }

    /** Where lines for people go: which snapshot was used, what was saved, what went wrong. */
    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * Receives the lines a user must see even when progress is not shown: a cached snapshot or
     * catalog that failed its check and was discarded (the run then applies everything). Default:
     * the {@link #log}.
     */
    public Builder warnings(Consumer<String> warnings) {
      this.warnings = Objects.requireNonNull(warnings, "warnings");
      return this;
    }

    private Consumer<String> warnings() {
      return warnings == null ? log : warnings;
    }

    /** Told the script of each migration as Flyway starts it. */
    public Builder beforeEach(Consumer<String> beforeEach) {
      this.beforeEach = Objects.requireNonNull(beforeEach, "beforeEach");
      return this;
    }

    /**
     * Starts the throwaway database and applies the migrations (failures name file and line);
     * nothing is left running when it throws.
     */
    public MigratedDatabase start() {
      Prepared p = prepared();
      p.noSnapshots().ifPresent(why -> log.accept("Not using migration snapshots: " + why));
      if (p.plan().isEmpty()) {
        return fullApply(p.migrations());
      }
      Plan plan = p.plan().get();
      return new SnapshotApply(
              SnapshotCache.at(provider.cacheDirectory()),
              plan.identity(),
              plan.keys(),
              plan.chain(),
              p.migrations(),
              snapshots,
              log,
              warnings(),
              beforeEach)
          .start(provider);
    }

    /**
     * The catalog a run with exactly these migrations kept under {@code name} ({@link
     * MigratedDatabase#keepCatalog}), if the cache has it: then no database needs to start.
     */
    public Optional<Catalog> cachedCatalog(String name) {
      return prepared()
          .plan()
          .flatMap(
              p ->
                  SnapshotCache.at(provider.cacheDirectory())
                      .catalog(p.identity(), p.keys().finalKey(), name, warnings()));
    }

    /**
     * The bytes a run with exactly these migrations kept under {@code name} ({@link
     * MigratedDatabase#keepFile}), if the cache has them: their reader checks them.
     */
    public Optional<byte[]> cachedFile(String name) {
      return prepared()
          .plan()
          .flatMap(
              p ->
                  SnapshotCache.at(provider.cacheDirectory())
                      .kept(p.identity(), p.keys().finalKey(), name));
    }

    /**
     * The bytes kept under {@code name} with the snapshot of the first {@code versioned} versioned
     * migrations of these (its key covers everything the base key does and those migrations'
     * bytes), whichever run saved it; empty when there are none or snapshots cannot be used. What
     * lets a caller that will start from a prefix's snapshot find what it kept there without
     * copying and keying the prefix on its own.
     */
    public Optional<byte[]> cachedFileAfter(int versioned, String name) {
      return prepared()
          .plan()
          .filter(p -> versioned >= 1 && versioned <= p.keys().versionedCount())
          .flatMap(
              p ->
                  SnapshotCache.at(provider.cacheDirectory())
                      .kept(p.identity(), p.keys().afterVersioned(versioned), name));
    }

    /**
     * The files checked and keyed once for {@link #cachedCatalog} and {@link #start} (a setter
     * starts over): reading and hashing every migration is the same work for both.
     */
    private Prepared prepared() {
      if (prepared == null) {
        Objects.requireNonNull(migrations, "migrations");
        Migrations throwaway = migrations.onThrowaway();
        throwaway.requireMigrations();
        prepared = prepare(throwaway);
      }
      return prepared;
    }

    /** The keys of these migrations; no plan when snapshots cannot be used, and why if it says. */
    private Prepared prepare(Migrations throwaway) {
      Optional<String> identity =
          snapshots.enabled() ? EmbeddedClusters.identity(provider) : Optional.empty();
      if (identity.isEmpty()) {
        return new Prepared(throwaway, Optional.empty(), Optional.empty());
      }
      MigrationChain chain = throwaway.chain();
      if (chain.unknowable().isPresent()) {
        return new Prepared(throwaway, Optional.empty(), chain.unknowable());
      }
      Plan plan =
          new Plan(
              identity.get(), chain, SnapshotKeys.of(identity.get(), provider, throwaway, chain));
      return new Prepared(throwaway, Optional.of(plan), Optional.empty());
    }

    private MigratedDatabase fullApply(Migrations throwaway) {
      ThrowawayDatabase db = ThrowawayDatabase.start(provider);
      try {
        int applied = throwaway.migrate(db.dataSource(), beforeEach).applied();
        return new MigratedDatabase(db, applied, applied, "empty cluster", null, null, null);
      } catch (RuntimeException | Error e) {
        db.close();
        throw e;
      }
    }
  }

  /** What a snapshot apply needs to know about these migrations. */
  private record Plan(String identity, MigrationChain chain, SnapshotKeys keys) {}

  /**
   * The migrations as run on a throwaway, checked; their plan, or why snapshots cannot be used
   * (empty when they are simply off or the provider has none).
   */
  private record Prepared(
      Migrations migrations, Optional<Plan> plan, Optional<String> noSnapshots) {}
}
