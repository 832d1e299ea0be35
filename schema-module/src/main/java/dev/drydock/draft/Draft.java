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
import dev.drydock.snapshot.SnapshotSettings;
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
 * migrations (in place when the migrated database is thrown away unsaved, else in a copy) and
 * compared with the desired schema again. Only an empty comparison writes the files. The desired
 * state's catalog and the proof's are kept with the migrations' snapshot ({@link DraftCache}): a
 * draft whose desired files and script did not change starts no server.
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

  /**
   * Drafts, proves and (unless a check or a dry run) writes; starts at most one throwaway server,
   * and none when the catalogs it needs were kept with the migrations' snapshot ({@link
   * DraftCache}).
   */
  public DraftResult run() {
    long reading = System.nanoTime();
    SchemaFolder folder = SchemaFolder.read(schemaDirectory);
    Hints hints = Hints.read(hintsFile);
    log.accept(
        "Read "
            + folder.files().size()
            + " desired-state file(s), "
            + millisSince(reading)
            + " ms");
    try (DraftServer server =
        new DraftServer(
            writtenVersions().isEmpty() ? null : migrations, throwaway, snapshots, log)) {
      DraftResult r = draft(server, folder, hints);
      return new DraftResult(
          r.outcome(),
          r.differences(),
          r.stops(),
          r.migrations(),
          r.written(),
          r.desiredStatements(),
          r.loadRounds(),
          server.started(),
          r.warnings());
    } catch (SQLException e) {
      throw new DraftException("Database error: " + e.getMessage(), e);
    }
  }

  private DraftResult draft(DraftServer server, SchemaFolder folder, Hints hints)
      throws SQLException {
    Introspector introspector = Introspector.configure().historyTable(migrations.table()).build();
    // the catalog a diff of these migrations kept with their snapshot spares one introspection
    String actualName = CatalogFile.keyFor(migrations.table(), Set.of());
    String desiredName = DraftCache.desired(folder, migrations.table());
    Optional<Catalog> actual = server.cached(actualName);
    Optional<Catalog> desired = server.cached(desiredName);
    if (desired.isEmpty()) {
      // the desired state is loaded on the server: its statements are split while it starts
      CompletableFuture<ThrowawayDatabase> starting = CompletableFuture.supplyAsync(server::base);
      try {
        long splitting = System.nanoTime();
        int statements = folder.pieces().size();
        log.accept("Split " + statements + " statement(s), " + millisSince(splitting) + " ms");
      } catch (RuntimeException e) {
        // the server is stopped (by the caller) only once its start ended
        try {
          starting.join();
        } catch (CompletionException startFailed) {
          e.addSuppressed(startFailed.getCause());
        }
        throw e;
      }
      join(starting);
    }
    Catalog migrated;
    if (actual.isPresent()) {
      migrated = actual.get();
    } else {
      try (Connection c = server.base().connect()) {
        migrated = introspector.load(c, Set.of());
      }
      server.keep(actualName, migrated);
    }
    if (desired.isPresent()) {
      log.accept("The desired state's catalog was kept from an earlier run: nothing to load");
      DiffResult result = SchemaComparator.compare(desired.get(), migrated);
      return decide(server, null, result, hints, new DependencyLoader.Loaded(0, 0));
    }
    // the draft is proven on the migrated database itself when it is thrown away unsaved, else on
    // a copy made while the desired state loads (its template must have no other session, so
    // after the migrated database was introspected)
    ThrowawayDatabase base = server.base();
    CompletableFuture<ScratchDatabase> proof =
        checkOnly
            ? CompletableFuture.completedFuture(null)
            : server.disposable()
                ? CompletableFuture.completedFuture(ScratchDatabase.inPlace(base))
                : CompletableFuture.supplyAsync(() -> copy(base));
    try {
      DesiredState.Loaded loaded = DesiredState.load(base, folder, introspector, log);
      server.keep(desiredName, loaded.catalog());
      DiffResult result = SchemaComparator.compare(loaded.catalog(), migrated);
      return decide(server, proof, result, hints, loaded.loaded());
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

  private static <T> T join(CompletableFuture<T> copy) {
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

  /**
   * @param proof the copy being made to prove the draft on; null to make it only when needed
   */
  private DraftResult decide(
      DraftServer server,
      CompletableFuture<ScratchDatabase> proof,
      DiffResult result,
      Hints hints,
      DependencyLoader.Loaded loaded)
      throws SQLException {
    if (!result.hasDrift()) {
      return outcome(
          DraftResult.Outcome.IN_STEP, result, List.of(), List.of(), List.of(), loaded, List.of());
    }
    if (checkOnly) {
      return outcome(
          DraftResult.Outcome.DIFFERS, result, List.of(), List.of(), List.of(), loaded, List.of());
    }
    long planning = System.nanoTime();
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
      return outcome(
          DraftResult.Outcome.STOPPED, result, stops, List.of(), List.of(), loaded, List.of());
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
    log.accept(
        "Planned "
            + result.differences().size()
            + " difference(s) into "
            + files.size()
            + " file(s), "
            + millisSince(planning)
            + " ms");
    // what the proof, on no rows, cannot clear
    List<String> warnings = DataRisks.of(result);
    DiffResult remaining;
    String provenName = DraftCache.proven(files, migrations);
    Optional<Catalog> kept = server.cached(provenName);
    if (kept.isPresent()) {
      log.accept("The proof of this exact draft was kept from an earlier run");
      remaining = SchemaComparator.compare(result.expected(), kept.get());
    } else {
      log.accept("Proving the draft on top of the migrated database");
      long started = System.nanoTime();
      Catalog proven;
      ScratchDatabase copy = null;
      try {
        if (proof != null) {
          copy = join(proof);
        } else {
          ThrowawayDatabase base = server.base();
          copy = server.disposable() ? ScratchDatabase.inPlace(base) : copy(base);
        }
        proven = Proof.apply(copy, files, migrations);
      } catch (MigrationException e) {
        String failure = "The draft fails to apply on top of the migrations: " + e.getMessage();
        return outcome(
            DraftResult.Outcome.UNPROVEN,
            result,
            List.of(failure),
            files,
            List.of(),
            loaded,
            warnings);
      } finally {
        if (proof == null && copy != null) {
          copy.close();
        }
      }
      server.keep(provenName, proven);
      log.accept("Proof took " + millisSince(started) + " ms");
      remaining = SchemaComparator.compare(result.expected(), proven);
    }
    if (remaining.hasDrift()) {
      return outcome(
          DraftResult.Outcome.UNPROVEN, remaining, List.of(), files, List.of(), loaded, warnings);
    }
    List<Path> written = new ArrayList<>();
    if (write) {
      Path directory = migrations.locations().get(0);
      for (PulledMigration m : files) {
        written.add(MigrationWriter.write(directory, m));
      }
    }
    return outcome(DraftResult.Outcome.PROVEN, result, List.of(), files, written, loaded, warnings);
  }

  /** The versions of the migrations as their files write them, as Flyway resolves them. */
  private List<String> writtenVersions() {
    return migrations.locations().stream().allMatch(java.nio.file.Files::isDirectory)
        ? migrations.resolved().writtenVersions()
        : List.of();
  }

  private DraftResult outcome(
      DraftResult.Outcome outcome,
      DiffResult result,
      List<String> stops,
      List<PulledMigration> files,
      List<Path> written,
      DependencyLoader.Loaded loaded,
      List<String> warnings) {
    return new DraftResult(
        outcome,
        result.differences(),
        stops,
        files,
        written,
        loaded.statements(),
        loaded.rounds(),
        false,
        warnings);
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
