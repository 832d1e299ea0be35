package dev.drydock.diff;

import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogFile;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.BinariesSource;
import dev.drydock.provider.PostgresVersion;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayVersion;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one "apply and compare": the live database against the schema its migrations produce. That
 * schema is the catalog kept with the migrations' snapshot when there is one, else a throwaway
 * PostgreSQL is started ({@link MigratedDatabase}), migrated and introspected (and its catalog
 * kept). It owns the kept catalog's key, the Flyway settings (in {@link Migrations}) and the
 * version choice: the throwaway runs the live server's major (the newest minor Drydock knows for
 * it) unless a version or binaries were chosen. {@code diff}, {@code pull}, the studio's drift tab
 * and the Spring drift check use it. Build with {@link #configure()}.
 */
public final class MigrationsComparison {

  private final Migrations migrations;
  private final ProviderSettings provider;
  private final SnapshotSettings snapshots;
  private final Set<String> schemas;
  private final PostgresVersion version;
  private final BinariesSource binaries;
  private final Consumer<String> log;
  private final Consumer<String> beforeEach;
  private final Consumer<String> warnings;

  private MigrationsComparison(Builder b) {
    this.migrations = Objects.requireNonNull(b.migrations, "migrations");
    this.provider = b.provider;
    this.snapshots = b.snapshots;
    this.schemas = new LinkedHashSet<>(b.schemas);
    this.version = b.version;
    this.binaries = b.binaries;
    this.log = b.log;
    this.beforeEach = b.beforeEach;
    this.warnings = b.warnings;
  }

  public static Builder configure() {
    return new Builder();
  }

  /**
   * Compares {@code live} with the migrations. Throws {@link UnknownSchemaException} for a schema
   * neither side has, the provider's and the migrations' exceptions as they are.
   */
  public Comparison compare(Connection live) throws SQLException {
    ServerVersion liveVersion = ServerVersion.of(live);
    ProviderSettings throwaway = throwawayFor(liveVersion);
    Introspector introspector = Introspector.configure().historyTable(migrations.table()).build();
    MigratedDatabase.Builder expected =
        MigratedDatabase.configure()
            .provider(throwaway)
            .migrations(migrations)
            .snapshots(snapshots)
            .beforeEach(beforeEach)
            .log(log)
            .warnings(warnings);
    String catalogKey = CatalogFile.keyFor(migrations.table(), schemas);
    Optional<String> expectedVersion =
        ThrowawayVersion.known(throwaway).map(PostgresVersion::server);
    boolean knownMismatch =
        expectedVersion.isPresent()
            && !expectedVersion.get().startsWith(liveVersion.number() / 10000 + ".");
    Optional<Catalog> kept = knownMismatch ? Optional.empty() : expected.cachedCatalog(catalogKey);
    if (kept.isPresent()) {
      requireKnown(live, kept.get().schemas());
      long started = System.nanoTime();
      DiffResult result = SchemaComparator.compare(kept.get(), introspector.load(live, schemas));
      return new Comparison(
          result,
          expectedVersion,
          liveVersion.text(),
          "the catalog kept with their snapshot (no throwaway database started)",
          (System.nanoTime() - started) / 1_000_000);
    }
    try (MigratedDatabase migrated = expected.start();
        Connection scratch = migrated.database().connect()) {
      ServerVersion scratchVersion = ServerVersion.of(scratch);
      requireKnown(live, Introspector.existing(scratch, schemas));
      long started = System.nanoTime();
      DiffResult result = Drift.between(introspector, scratch, live, schemas);
      migrated.keepCatalog(catalogKey, result.expected());
      if (scratchVersion.number() / 10000 != liveVersion.number() / 10000) {
        result =
            CrossMajor.reconcile(
                result, scratch, scratchVersion.number() / 10000, liveVersion.number() / 10000);
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      return new Comparison(
          result,
          Optional.of(scratchVersion.text()),
          liveVersion.text(),
          migrated.database().description()
              + " from "
              + migrated.startedFrom()
              + ", "
              + migrated.applied()
              + " migration(s) applied",
          millis);
    }
  }

  /** The provider settings the throwaway runs with for a live server of {@code live}'s version. */
  private ProviderSettings throwawayFor(ServerVersion live) {
    if (provider.postgresBinaries().isPresent()) {
      return provider;
    }
    PostgresVersion target = version;
    if (target == null) {
      Optional<PostgresVersion> same = PostgresVersion.forServer(live.number());
      if (same.isEmpty()) {
        log.accept(
            "No PostgreSQL "
                + live.number() / 10000
                + " binaries known; the throwaway runs "
                + PostgresVersion.bundled().server());
      }
      target = same.orElse(PostgresVersion.bundled());
    }
    return ThrowawayVersion.run(provider, target, binaries);
  }

  private void requireKnown(Connection live, Collection<String> inMigrations) throws SQLException {
    if (schemas.isEmpty()) {
      return;
    }
    Set<String> known = new LinkedHashSet<>(Introspector.existing(live, schemas));
    known.addAll(inMigrations);
    List<String> unknown = schemas.stream().filter(s -> !known.contains(s)).toList();
    if (!unknown.isEmpty()) {
      throw new UnknownSchemaException(unknown);
    }
  }

  /** A server's {@code server_version_num} and {@code server_version}. */
  record ServerVersion(int number, String text) {
    static ServerVersion of(Connection c) throws SQLException {
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT current_setting('server_version_num')::int,"
                      + " split_part(current_setting('server_version'), ' ', 1)")) {
        rs.next();
        return new ServerVersion(rs.getInt(1), rs.getString(2));
      }
    }
  }

  /** Fluent builder; every setter returns {@code this}. */
  public static final class Builder {
    private Migrations migrations;
    private ProviderSettings provider = ProviderSettings.defaults();
    private SnapshotSettings snapshots = SnapshotSettings.defaults();
    private Collection<String> schemas = List.of();
    private PostgresVersion version;
    private BinariesSource binaries;
    private Consumer<String> log = line -> {};
    private Consumer<String> beforeEach = script -> {};
    private Consumer<String> warnings = line -> {};

    private Builder() {}

    /** The migrations and the project's Flyway settings (locations, table, placeholders, ...). */
    public Builder migrations(Migrations migrations) {
      this.migrations = Objects.requireNonNull(migrations, "migrations");
      return this;
    }

    /** The throwaway PostgreSQL (default: auto). */
    public Builder provider(ProviderSettings provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    public Builder snapshots(SnapshotSettings snapshots) {
      this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
      return this;
    }

    /** The schemas to compare; empty (the default) for every non-system schema. */
    public Builder schemas(Collection<String> schemas) {
      this.schemas = List.copyOf(schemas);
      return this;
    }

    /**
     * The PostgreSQL the throwaway runs; empty (the default): the live server's major, at the
     * newest minor Drydock knows.
     */
    public Builder postgresVersion(Optional<PostgresVersion> version) {
      this.version = version.orElse(null);
      return this;
    }

    /** Where binaries of another version come from (default: Maven, with ~/.m2/settings.xml). */
    public Builder binaries(BinariesSource binaries) {
      this.binaries = Objects.requireNonNull(binaries, "binaries");
      return this;
    }

    /** Lines for people: snapshots used or saved, versions chosen. */
    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * Lines that must reach the user even off a terminal: a cached snapshot or catalog discarded as
     * damaged or foreign (see {@link MigratedDatabase.Builder#warnings}).
     */
    public Builder warnings(Consumer<String> warnings) {
      this.warnings = Objects.requireNonNull(warnings, "warnings");
      return this;
    }

    /** Told the script of each migration as Flyway starts it. */
    public Builder beforeEach(Consumer<String> beforeEach) {
      this.beforeEach = Objects.requireNonNull(beforeEach, "beforeEach");
      return this;
    }

    public MigrationsComparison build() {
      if (binaries == null) {
        binaries = BinariesSource.fromUserSettings();
      }
      return new MigrationsComparison(this);
    }
  }
}
