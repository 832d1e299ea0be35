package dev.drydock.draft;

import dev.drydock.diff.DiffResult;
import dev.drydock.diff.SchemaComparator;
import dev.drydock.diff.sql.NewSchemas;
import dev.drydock.diff.sql.SqlRenderer;
import dev.drydock.draft.hints.Hints;
import dev.drydock.draft.schema.DependencyLoader;
import dev.drydock.draft.schema.SchemaFolder;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogFile;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.MigrationException;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import dev.drydock.pull.MigrationName;
import dev.drydock.pull.MigrationWriter;
import dev.drydock.pull.PulledMigration;
import dev.drydock.pull.VersionScheme;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * {@code drydock draft} as a library: the next migration that takes the migrations' schema to the
 * desired one (a folder of plain SQL files), proven before it is written. One throwaway server: the
 * migrations are applied (from a snapshot when there is one), the desired folder is loaded into a
 * second database there in dependency order, both are introspected and compared, the planner of
 * {@code diff --format sql} writes the draft, and the draft is applied by Flyway on top of the
 * migrations in a copy of the migrated database and compared with the desired schema again. Only an
 * empty comparison writes the files.
 *
 * <pre>{@code
 * DraftResult result = Draft.configure()
 *     .migrations(Migrations.configure().location(Path.of("migrations")).build())
 *     .schemaDirectory(Path.of("schema"))
 *     .name("add_orders")
 *     .build()
 *     .run();
 * }</pre>
 */
public final class Draft {

  private final Migrations migrations;
  private final Path schemaDirectory;
  private final Path hintsFile;
  private final ProviderSettings throwaway;
  private final SnapshotSettings snapshots;
  private final String description;
  private final boolean allowDestructive;
  private final boolean lockAware;
  private final boolean checkOnly;
  private final boolean write;
  private final Clock clock;
  private final Consumer<String> log;

  private Draft(Builder b) {
    this.migrations = Objects.requireNonNull(b.migrations, "migrations");
    this.schemaDirectory = b.schemaDirectory;
    this.hintsFile = b.hintsFile != null ? b.hintsFile : b.schemaDirectory.resolve(Hints.FILE_NAME);
    this.throwaway = b.throwaway;
    this.snapshots = b.snapshots;
    this.description = MigrationName.description(b.name);
    this.allowDestructive = b.allowDestructive;
    this.lockAware = b.lockAware;
    this.checkOnly = b.checkOnly;
    this.write = b.write;
    this.clock = b.clock;
    this.log = b.log;
  }

  public static Builder configure() {
    return new Builder();
  }

  /** Drafts, proves and (unless a check or a dry run) writes; starts one throwaway server. */
  public DraftResult run() {
    SchemaFolder folder = SchemaFolder.read(schemaDirectory);
    Hints hints = Hints.read(hintsFile);
    Introspector introspector = Introspector.configure().historyTable(migrations.table()).build();
    if (writtenVersions().isEmpty()) {
      log.accept("No migrations yet: drafting the first one on an empty throwaway PostgreSQL");
      try (ThrowawayDatabase empty = ThrowawayDatabase.start(throwaway)) {
        return draftOn(empty, null, folder, hints, introspector);
      } catch (SQLException e) {
        throw new DraftException("Database error: " + e.getMessage(), e);
      }
    }
    log.accept("Applying the migrations to a throwaway PostgreSQL");
    MigratedDatabase.Builder builder =
        MigratedDatabase.configure()
            .provider(throwaway)
            .migrations(migrations)
            .snapshots(snapshots)
            .log(log);
    // the catalog a diff of these migrations kept with their snapshot spares one introspection
    String catalogName = CatalogFile.keyFor(migrations.table(), Set.of());
    Optional<Catalog> kept = builder.cachedCatalog(catalogName);
    long starting = System.nanoTime();
    try (MigratedDatabase migrated = builder.start()) {
      log.accept(
          "The migrations' database is ready ("
              + migrated.startedFrom()
              + "), "
              + millisSince(starting)
              + " ms");
      Catalog actual;
      if (kept.isPresent()) {
        actual = kept.get();
      } else {
        try (Connection c = migrated.database().connect()) {
          actual = introspector.load(c, Set.of());
        }
        migrated.keepCatalog(catalogName, actual);
      }
      return draftOn(migrated.database(), actual, folder, hints, introspector);
    } catch (SQLException e) {
      throw new DraftException("Database error: " + e.getMessage(), e);
    }
  }

  /**
   * Drafts on {@code base} (the migrated database, or an empty one when there are no migrations).
   *
   * @param actual the migrations' catalog; null to introspect it from {@code base}
   */
  private DraftResult draftOn(
      ThrowawayDatabase base,
      Catalog actual,
      SchemaFolder folder,
      Hints hints,
      Introspector introspector)
      throws SQLException {
    if (actual == null) {
      try (Connection c = base.connect()) {
        actual = introspector.load(c, Set.of());
      }
    }
    // the copy the draft is proven on is made while the desired state loads (its template must
    // have no other session, so after the migrated database was introspected)
    CompletableFuture<ScratchDatabase> proof =
        checkOnly
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.supplyAsync(() -> copy(base));
    try (ScratchDatabase desired = ScratchDatabase.create(base, "desired", null)) {
      log.accept("Loading " + folder.files().size() + " desired-state file(s)");
      DependencyLoader.Loaded loaded;
      Catalog expected;
      long started = System.nanoTime();
      try (Connection c = desired.connect()) {
        loaded = DependencyLoader.load(folder, c);
        log.accept(
            "Loaded "
                + loaded.statements()
                + " statement(s) in "
                + loaded.rounds()
                + " round(s), "
                + millisSince(started)
                + " ms");
        long introspecting = System.nanoTime();
        expected = introspector.load(c, Set.of());
        log.accept("Introspected the desired state, " + millisSince(introspecting) + " ms");
      }
      DiffResult result = SchemaComparator.compare(expected, actual);
      return decide(proof, result, hints, loaded);
    } finally {
      try {
        ScratchDatabase copy = proof.join();
        if (copy != null) {
          copy.close();
        }
      } catch (CompletionException e) {
        // its failure matters only to a proof, which reported it
      }
    }
  }

  private static ScratchDatabase join(CompletableFuture<ScratchDatabase> copy) {
    try {
      return copy.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  private static ScratchDatabase copy(ThrowawayDatabase base) {
    try {
      return ScratchDatabase.create(base, "proof", base.databaseName());
    } catch (SQLException e) {
      throw new DraftException("Cannot copy the migrated database: " + e.getMessage(), e);
    }
  }

  private DraftResult decide(
      CompletableFuture<ScratchDatabase> proof,
      DiffResult result,
      Hints hints,
      DependencyLoader.Loaded loaded)
      throws SQLException {
    if (!result.hasDrift()) {
      return outcome(DraftResult.Outcome.IN_STEP, result, List.of(), List.of(), List.of(), loaded);
    }
    if (checkOnly) {
      return outcome(DraftResult.Outcome.DIFFERS, result, List.of(), List.of(), List.of(), loaded);
    }
    List<String> stops = new ArrayList<>(Safety.check(result, hints, allowDestructive, hintsFile));
    String script =
        SqlRenderer.configure()
            .renames(false)
            .declaredRenames(hints.renames())
            .build()
            .script(NewSchemas.createdEmpty(result), "the migrations");
    List<DraftScript.Block> blocks = DraftScript.blocks(script);
    stops.addAll(Safety.otherDestructive(blocks, result, allowDestructive));
    if (!stops.isEmpty()) {
      return outcome(DraftResult.Outcome.STOPPED, result, stops, List.of(), List.of(), loaded);
    }
    List<PulledMigration> files =
        DraftFiles.of(
            DraftScript.bodies(blocks, result, lockAware),
            VersionScheme.latest(writtenVersions()),
            migrations.naming(),
            description,
            "-- Drydock draft: the migrations' schema to the desired state in "
                + schemaDirectory
                + " ("
                + result.differences().size()
                + " difference(s)).\n",
            clock);
    log.accept("Proving the draft on a copy of the migrated database");
    long started = System.nanoTime();
    DiffResult remaining;
    try {
      remaining = prove(proof, files, result.expected());
    } catch (MigrationException e) {
      String failure = "The draft fails to apply on top of the migrations: " + e.getMessage();
      return outcome(
          DraftResult.Outcome.UNPROVEN, result, List.of(failure), files, List.of(), loaded);
    }
    log.accept("Proof took " + millisSince(started) + " ms");
    if (remaining.hasDrift()) {
      return outcome(DraftResult.Outcome.UNPROVEN, remaining, List.of(), files, List.of(), loaded);
    }
    List<Path> written = new ArrayList<>();
    if (write) {
      Path directory = migrations.locations().get(0);
      for (PulledMigration m : files) {
        written.add(MigrationWriter.write(directory, m));
      }
    }
    return outcome(DraftResult.Outcome.PROVEN, result, List.of(), files, written, loaded);
  }

  /** The versions of the migrations as their files write them, as Flyway resolves them. */
  private List<String> writtenVersions() {
    return migrations.locations().stream().allMatch(java.nio.file.Files::isDirectory)
        ? migrations.resolved().writtenVersions()
        : List.of();
  }

  /**
   * Applies the drafted files with Flyway on top of the migrations, in a copy of the migrated
   * database, and compares the result with the desired catalog.
   */
  private DiffResult prove(
      CompletableFuture<ScratchDatabase> copy, List<PulledMigration> files, Catalog desired)
      throws SQLException {
    Path staging;
    try {
      staging = Files.createTempDirectory("drydock-draft-");
    } catch (IOException e) {
      throw new DraftException("Cannot create a temporary directory: " + e.getMessage(), e);
    }
    try {
      ScratchDatabase proof = join(copy);
      for (PulledMigration m : files) {
        MigrationWriter.write(staging, m);
      }
      // the copy's history is the migrations' own (a snapshot keyed by them, or applied just now):
      // Flyway is given the drafted files only and applies them after it, without reading and
      // validating every migration again
      Migrations withDraft =
          Migrations.configure()
              .location(staging)
              .schemas(migrations.schemas())
              .placeholders(migrations.placeholders())
              .table(migrations.table())
              .settings(migrations.settings())
              .throwawayLockTimeout(migrations.throwawayLockTimeout())
              .build()
              .onThrowaway();
      withDraft.migrateTrusted(proof.dataSource(), script -> {});
      try (Connection c = proof.connect()) {
        Catalog proven =
            Introspector.configure().historyTable(migrations.table()).build().load(c, Set.of());
        return SchemaComparator.compare(desired, proven);
      }
    } finally {
      ScratchFiles.deleteTree(staging);
    }
  }

  private DraftResult outcome(
      DraftResult.Outcome outcome,
      DiffResult result,
      List<String> stops,
      List<PulledMigration> files,
      List<Path> written,
      DependencyLoader.Loaded loaded) {
    return new DraftResult(
        outcome, result.differences(), stops, files, written, loaded.statements(), loaded.rounds());
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** Fluent builder; every setter returns {@code this}. */
  public static final class Builder {
    private Migrations migrations;
    private Path schemaDirectory = Path.of("schema");
    private Path hintsFile;
    private ProviderSettings throwaway = ProviderSettings.defaults();
    private SnapshotSettings snapshots = SnapshotSettings.defaults();
    private String name = "draft";
    private boolean allowDestructive;
    private boolean lockAware = true;
    private boolean checkOnly;
    private boolean write = true;
    private Clock clock = Clock.systemUTC();
    private Consumer<String> log = line -> {};

    private Builder() {}

    /**
     * The migrations; the draft's version follows theirs and it is written into the first location.
     */
    public Builder migrations(Migrations migrations) {
      this.migrations = migrations;
      return this;
    }

    /** The desired-state folder (default {@code schema}). */
    public Builder schemaDirectory(Path directory) {
      this.schemaDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The hints file (default {@code drydock-hints.toml} in the desired-state folder). */
    public Builder hintsFile(Path file) {
      this.hintsFile = file;
      return this;
    }

    public Builder throwaway(ProviderSettings settings) {
      this.throwaway = Objects.requireNonNull(settings, "settings");
      return this;
    }

    public Builder snapshots(SnapshotSettings snapshots) {
      this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
      return this;
    }

    /** The migration's description, e.g. {@code add_orders} (default {@code draft}). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Drop and narrow without hints, for the whole run. */
    public Builder allowDestructive(boolean allow) {
      this.allowDestructive = allow;
      return this;
    }

    /** Indexes concurrently and constraints NOT VALID on existing tables (default on). */
    public Builder lockAware(boolean lockAware) {
      this.lockAware = lockAware;
      return this;
    }

    /** Only compare: {@link DraftResult.Outcome#IN_STEP} or {@link DraftResult.Outcome#DIFFERS}. */
    public Builder checkOnly(boolean check) {
      this.checkOnly = check;
      return this;
    }

    /** Whether a proven draft is written (default on; off for a dry run). */
    public Builder write(boolean write) {
      this.write = write;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    public Draft build() {
      return new Draft(this);
    }
  }
}
