package dev.drydock.snapshot;

import dev.drydock.lifecycle.JvmShutdown;
import dev.drydock.migrate.MigrationChain;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.EmbeddedClusters;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.util.Objects;
import java.util.Optional;
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
  private final int applied;
  private final String startedFrom;
  private final Runnable saveOnClose;
  private boolean closed;

  MigratedDatabase(
      ThrowawayDatabase database, int applied, String startedFrom, Runnable saveOnClose) {
    this.database = database;
    this.applied = applied;
    this.startedFrom = startedFrom;
    this.saveOnClose = saveOnClose;
  }

  public static Builder configure() {
    return new Builder();
  }

  /** The migrated throwaway database. */
  public ThrowawayDatabase database() {
    return database;
  }

  /** How many migrations Flyway applied now (0 when the final state came from a snapshot). */
  public int applied() {
    return applied;
  }

  /** Where the cluster came from, e.g. {@code snapshot V1..V200} or {@code empty cluster}. */
  public String startedFrom() {
    return startedFrom;
  }

  /** Saves the final state for the next run (when new and allowed), then stops and deletes all. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (saveOnClose != null && !JvmShutdown.inProgress()) {
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
    private Consumer<String> beforeEach = script -> {};

    private Builder() {}

    public Builder provider(ProviderSettings provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    public Builder migrations(Migrations migrations) {
      this.migrations = Objects.requireNonNull(migrations, "migrations");
      return this;
    }

    public Builder snapshots(SnapshotSettings snapshots) {
      this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
      return this;
    }

    /** Where lines for people go: which snapshot was used, what was saved, what went wrong. */
    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
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
      Objects.requireNonNull(migrations, "migrations");
      Migrations throwaway = migrations.onThrowaway();
      throwaway.requireMigrations();
      Optional<String> identity =
          snapshots.enabled() ? EmbeddedClusters.identity(provider) : Optional.empty();
      MigrationChain chain = identity.isPresent() ? throwaway.chain() : null;
      if (identity.isEmpty() || chain.unknowable().isPresent()) {
        if (chain != null) {
          log.accept("Not using migration snapshots: " + chain.unknowable().get());
        }
        return fullApply(throwaway);
      }
      SnapshotKeys keys = SnapshotKeys.of(identity.get(), provider, throwaway, chain);
      return new SnapshotApply(
              SnapshotCache.at(provider.cacheDirectory()),
              identity.get(),
              keys,
              chain,
              throwaway,
              snapshots,
              log,
              beforeEach)
          .start(provider);
    }

    private MigratedDatabase fullApply(Migrations throwaway) {
      ThrowawayDatabase db = ThrowawayDatabase.start(provider);
      try {
        int applied = throwaway.migrate(db.dataSource(), beforeEach).applied();
        return new MigratedDatabase(db, applied, "empty cluster", null);
      } catch (RuntimeException | Error e) {
        db.close();
        throw e;
      }
    }
  }
}
