package dev.drydock.pull;

import dev.drydock.diff.Comparison;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Drift;
import dev.drydock.diff.MigrationsComparison;
import dev.drydock.diff.SchemaComparator;
import dev.drydock.diff.UnknownSchemaException;
import dev.drydock.diff.sql.SqlText;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.Migrations;
import dev.drydock.migrate.ResolvedMigrations;
import dev.drydock.provider.BinariesSource;
import dev.drydock.provider.PostgresVersion;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code drydock pull} as a library: the migration that takes the migrations' schema to the live
 * database's. With no migrations it is a baseline (the whole live schema, compared with a fresh
 * database); otherwise the migrations are applied to a throwaway database and the differences
 * become the next migration. Nothing is written: see {@link MigrationWriter}.
 *
 * <pre>{@code
 * PullResult result = Pull.configure()
 *     .live(connection, "jdbc:postgresql://db:5432/shop")
 *     .migrations(Migrations.configure().location(Path.of("migrations")).build())
 *     .name("add_phone")
 *     .build()
 *     .run();
 * }</pre>
 */
public final class Pull {

  private final Connection live;
  private final String liveLabel;
  private final Migrations migrations;
  private final ProviderSettings throwaway;
  private final SnapshotSettings snapshots;
  private final List<String> schemas;
  private final String description;
  private final boolean allowDestructive;
  private final Clock clock;
  private final Consumer<String> log;
  private final PostgresVersion postgresVersion;
  private final BinariesSource binaries;
  private final boolean roles;
  private final Consumer<String> warnings;

  private Pull(Builder b) {
    this.live = Objects.requireNonNull(b.live, "live connection");
    this.liveLabel = b.liveLabel;
    this.migrations = Objects.requireNonNull(b.migrations, "migrations");
    this.throwaway = b.throwaway;
    this.snapshots = b.snapshots;
    this.schemas = List.copyOf(b.schemas);
    this.description = b.name == null ? null : MigrationName.description(b.name);
    this.allowDestructive = b.allowDestructive;
    this.clock = b.clock;
    this.log = b.log;
    this.postgresVersion = b.postgresVersion;
    this.binaries = b.binaries;
    this.roles = b.roles;
    this.warnings = b.warnings == null ? b.log : b.warnings;
  }

  public static Builder configure() {
    return new Builder();
  }

  /** Compares, plans and renders the migration; starts (and removes) one throwaway database. */
  public PullResult run() {
    ResolvedMigrations files =
        migrations.locations().stream().allMatch(Files::isDirectory) ? migrations.resolved() : null;
    if (files == null || files.migrationCount() == 0) {
      log.accept("Starting throwaway PostgreSQL");
      try (ThrowawayDatabase scratch = ThrowawayDatabase.start(throwaway)) {
        createFlywaySchemas(scratch);
        return compare(scratch, files);
      } catch (SQLException e) {
        throw new PullException("Database error: " + e.getMessage(), e);
      }
    }
    log.accept("Applying " + files.migrationCount() + " migrations to a throwaway PostgreSQL");
    MigrationsComparison comparison =
        MigrationsComparison.configure()
            .migrations(migrations)
            .provider(throwaway)
            .snapshots(snapshots)
            .schemas(schemas)
            .postgresVersion(Optional.ofNullable(postgresVersion))
            .binaries(binaries)
            .log(log)
            .warnings(warnings)
            .build();
    Comparison compared;
    try {
      compared = comparison.compare(live);
    } catch (UnknownSchemaException e) {
      throw new PullException(e.getMessage(), e);
    } catch (SQLException e) {
      throw new PullException("Database error: " + e.getMessage(), e);
    }
    compared.mismatch().ifPresent(log);
    log.accept("Comparing " + liveLabel + " with the migrations");
    DiffResult migrationsToLive = compared.result();
    DiffResult liveFirst =
        SchemaComparator.compare(migrationsToLive.actual(), migrationsToLive.expected());
    return planned(
        false,
        files,
        PullPlanner.plan(liveFirst, allowDestructive),
        roles(liveFirst),
        compared.mismatch());
  }

  /** Plans the migration from {@code scratch} (the migrations' schema) to the live database. */
  private PullResult compare(ThrowawayDatabase scratch, ResolvedMigrations files) {
    boolean baseline = files == null || files.migrationCount() == 0;
    try (Connection migrated = scratch.connect()) {
      List<String> unknown = PullPlanner.unknownSchemas(schemas, live, migrated);
      if (!unknown.isEmpty()) {
        throw new PullException(
            "Unknown schema "
                + String.join(", ", unknown)
                + ": neither the live database nor the migrations have it");
      }
      log.accept(
          "Comparing "
              + liveLabel
              + " with "
              + (baseline ? "an empty database" : "the migrations"));
      DiffResult liveFirst =
          Drift.between(
              Introspector.configure().historyTable(migrations.table()).build(),
              live,
              migrated,
              new LinkedHashSet<>(schemas));
      return planned(
          baseline,
          files,
          PullPlanner.plan(liveFirst, allowDestructive),
          roles(liveFirst),
          Optional.empty());
    } catch (SQLException e) {
      throw new PullException("Database error: " + e.getMessage(), e);
    }
  }

  /** The result for {@code plan}: a migration file unless there is nothing to write. */
  /** The guarded roles block for what {@code liveFirst} creates; empty with roles off. */
  private String roles(DiffResult liveFirst) {
    return roles
        ? RoleStatements.script(RoleStatements.named(liveFirst), liveFirst.expected().quoting())
        : "";
  }

  private PullResult planned(
      boolean baseline,
      ResolvedMigrations files,
      PullPlanner.Plan plan,
      String roleStatements,
      Optional<String> mismatch) {
    if (plan.isEmpty() || plan.onlyCommentedOut()) {
      return result(baseline, Optional.empty(), plan);
    }
    List<String> written = baseline ? List.of() : files.writtenVersions();
    String version = VersionScheme.next(VersionScheme.latest(written), clock);
    String name = description != null ? description : baseline ? "baseline" : "pull";
    String fileName = fileName(version, name);
    String sql =
        header(fileName, baseline, files, plan, mismatch) + "\n" + roleStatements + plan.sql();
    return result(baseline, Optional.of(new PulledMigration(version, fileName, sql)), plan);
  }

  private PullResult result(boolean baseline, Optional<PulledMigration> m, PullPlanner.Plan plan) {
    return new PullResult(
        baseline,
        liveLabel,
        m,
        plan.changes(),
        plan.destructive(),
        allowDestructive,
        plan.manual(),
        PullPlanner.NOT_PULLED);
  }

  /**
   * Flyway creates the schemas it is told to manage before the first migration, so a baseline must
   * not create them: the empty database it is compared with has them.
   */
  private void createFlywaySchemas(ThrowawayDatabase scratch) throws SQLException {
    try (Connection c = scratch.connect();
        Statement st = c.createStatement()) {
      for (String schema : migrations.schemas()) {
        st.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema.replace("\"", "\"\"") + "\"");
      }
    }
  }

  /** With the project's prefix, separator and first suffix ({@code V7__pull.sql} by default). */
  private String fileName(String version, String name) {
    String[] naming = migrations.naming();
    return naming[0] + version + naming[1] + name + naming[2];
  }

  private String header(
      String fileName,
      boolean baseline,
      ResolvedMigrations files,
      PullPlanner.Plan p,
      Optional<String> mismatch) {
    List<String> lines = new ArrayList<>();
    lines.add("Drydock pull: " + fileName);
    lines.add(
        "Pulled from " + liveLabel + " at " + Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    if (baseline) {
      lines.add(
          "Baseline: the schema of the live database (no data), ordered to apply on an empty"
              + " database.");
    } else {
      lines.add(
          "The changes in the live database since the migrations in "
              + migrations.locations().stream()
                  .map(Path::toString)
                  .collect(Collectors.joining(", "))
              + " ("
              + files.migrationCount()
              + (files.migrationCount() == 1 ? " file" : " files")
              + VersionScheme.latest(files.writtenVersions())
                  .map(v -> ", latest " + files.prefix() + v)
                  .orElse("")
              + ").");
    }
    mismatch.ifPresent(lines::add);
    lines.add("Not pulled: " + String.join("; ", PullPlanner.NOT_PULLED) + ".");
    if (p.destructive() > 0 && !allowDestructive) {
      lines.add(
          p.destructive()
              + " DESTRUCTIVE statement"
              + (p.destructive() == 1 ? " is" : "s are")
              + " commented out: review, then pull with --allow-destructive to write them.");
    }
    if (p.manual() > 0) {
      lines.add(p.manual() + " change(s) need manual work: see the MANUAL comments.");
    }
    return lines.stream().map(l -> SqlText.comment(l) + "\n").collect(Collectors.joining());
  }

  /** Fluent builder; every setter returns {@code this}. */
  public static final class Builder {
    private Connection live;
    private String liveLabel = "the live database";
    private Migrations migrations;
    private ProviderSettings throwaway = ProviderSettings.defaults();
    private SnapshotSettings snapshots = SnapshotSettings.defaults();
    private final List<String> schemas = new ArrayList<>();
    private String name;
    private boolean allowDestructive;
    private Clock clock = Clock.systemUTC();
    private Consumer<String> log = line -> {};
    private PostgresVersion postgresVersion;
    private BinariesSource binaries = BinariesSource.fromUserSettings();
    private boolean roles = true;

    /**
     * Whether the migration starts by creating the roles its grants and policies name, {@code
     * NOLOGIN} and only where missing (default: yes).
     */
    public Builder roles(boolean roles) {
      this.roles = roles;
      return this;
    }

    private Consumer<String> warnings;

    private Builder() {}

    /**
     * The PostgreSQL the throwaway runs; empty (the default): the live server's major, at the
     * newest minor Drydock knows.
     */
    public Builder postgresVersion(Optional<PostgresVersion> version) {
      this.postgresVersion = version.orElse(null);
      return this;
    }

    /** Where binaries of another version come from (default: Maven, with ~/.m2/settings.xml). */
    public Builder binaries(BinariesSource binaries) {
      this.binaries = Objects.requireNonNull(binaries, "binaries");
      return this;
    }

    /**
     * The live database, and how to name it in messages and the file's header (never with a
     * password). The connection stays open; the caller closes it.
     */
    public Builder live(Connection connection, String label) {
      this.live = connection;
      this.liveLabel = Objects.requireNonNull(label, "label");
      return this;
    }

    /** The migrations; the new file's version follows theirs. None (or no directory): baseline. */
    public Builder migrations(Migrations migrations) {
      this.migrations = migrations;
      return this;
    }

    /** Whether the throwaway may start from a migration snapshot (default: on). */
    public Builder snapshots(SnapshotSettings snapshots) {
      this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
      return this;
    }

    /** The throwaway PostgreSQL the migrations are applied to (default: auto). */
    public Builder throwaway(ProviderSettings settings) {
      this.throwaway = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Schemas to pull; default every non-system schema. */
    public Builder schemas(List<String> names) {
      schemas.addAll(names);
      return this;
    }

    /** The migration's description, e.g. {@code add_phone}; default baseline or pull. */
    public Builder name(String description) {
      this.name = description;
      return this;
    }

    /** Write drops and narrowing changes as SQL instead of comments. */
    public Builder allowDestructive(boolean allow) {
      this.allowDestructive = allow;
      return this;
    }

    /** The clock for the header and timestamp versions (default UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Told about each step, e.g. for a progress display. */
    /**
     * Receives what the user must see even without progress output: a cached snapshot that failed
     * its check and was discarded. Default: the {@link #log}.
     */
    public Builder warnings(Consumer<String> warnings) {
      this.warnings = Objects.requireNonNull(warnings, "warnings");
      return this;
    }

    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    public Pull build() {
      return new Pull(this);
    }
  }
}
