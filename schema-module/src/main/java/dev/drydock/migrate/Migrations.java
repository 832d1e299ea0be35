package dev.drydock.migrate;

import dev.drydock.engine.TargetDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The project's Flyway migrations: where they are and how Flyway is configured for them; the one
 * route to Flyway for the Maven goal and every CLI command. Immutable; build with {@link
 * #configure()}:
 *
 * <pre>{@code
 * Migrations migrations = Migrations.configure().location(Path.of("migrations")).build();
 * MigrationSummary summary = migrations.migrate(dataSource);
 * }</pre>
 *
 * Errors come out as a {@link MigrationException} that names the file and line.
 */
public final class Migrations {

  /** Flyway's default history table, which Drydock uses unless told otherwise (never compared). */
  public static final String DEFAULT_HISTORY_TABLE = "flyway_schema_history";

  /** How long a statement may wait for a lock on a throwaway database, by default. */
  public static final Duration DEFAULT_THROWAWAY_LOCK_TIMEOUT = Duration.ofSeconds(30);

  static final String TRANSACTIONAL_LOCK = TransactionalLock.KEY;

  private final List<Path> locations;
  private final List<String> schemas;
  private final Map<String, String> placeholders;
  private final String table;
  private final FlywaySettings settings;
  private final Duration throwawayLockTimeout;
  private final boolean throwaway;
  private final boolean boundLocks;

  /** Flyway's resolved list, built on first use (once per run). */
  private volatile ResolvedMigrations resolved;

  private final TargetDialect target;

  private Migrations(Builder b, boolean throwaway) {
    this.locations = List.copyOf(b.locations);
    this.settings = b.settings;
    String settingsSchemas = settings.get("schemas");
    this.schemas =
        !b.schemas.isEmpty() || settingsSchemas == null || settingsSchemas.isBlank()
            ? List.copyOf(b.schemas)
            : Arrays.stream(settingsSchemas.split(",")).map(String::strip).toList();
    Map<String, String> merged = new LinkedHashMap<>();
    settings
        .values()
        .forEach(
            (k, v) -> {
              if (k.startsWith("flyway.placeholders.")) {
                merged.put(k.substring("flyway.placeholders.".length()), v);
              }
            });
    merged.putAll(b.placeholders);
    this.placeholders = Map.copyOf(merged);
    this.table =
        b.table != null
            ? b.table
            : settings.get("table") != null ? settings.get("table") : DEFAULT_HISTORY_TABLE;
    this.throwawayLockTimeout = b.throwawayLockTimeout;
    this.throwaway = throwaway;
    this.boundLocks = throwaway;
    this.target = b.target;
  }

  private Migrations(Migrations base, boolean throwaway, boolean boundLocks) {
    this.locations = base.locations;
    this.schemas = base.schemas;
    this.placeholders = base.placeholders;
    this.table = base.table;
    this.settings = base.settings;
    this.throwawayLockTimeout = base.throwawayLockTimeout;
    this.throwaway = throwaway;
    this.resolved = base.resolved;
    this.boundLocks = boundLocks;
    this.target = base.target;
  }

  public static Builder configure() {
    return new Builder();
  }

  /**
   * These migrations as run on a throwaway database, where no other migrator exists: Flyway's
   * transactional lock off (it blocks {@code CREATE INDEX CONCURRENTLY} forever), and a statement
   * that waits longer than the throwaway lock timeout for a lock fails, naming the file.
   */
  public Migrations onThrowaway() {
    return throwaway && boundLocks ? this : new Migrations(this, true, true);
  }

  /**
   * As {@link #onThrowaway()} but without the throwaway lock timeout: the {@code lock_timeout} in
   * effect is the project's own (its {@code initSql}, its migrations' {@code SET}s), which is what
   * {@code drydock lint} observes.
   */
  public Migrations onThrowawayUnbounded() {
    return throwaway && !boundLocks ? this : new Migrations(this, true, false);
  }

  public List<Path> locations() {
    return locations;
  }

  /** Schemas Flyway manages; the first holds the history table. Empty means Flyway's default. */
  public List<String> schemas() {
    return schemas;
  }

  public Map<String, String> placeholders() {
    return placeholders;
  }

  /** Name of Flyway's history table. */
  public String table() {
    return table;
  }

  /** The project's own Flyway settings. */
  public FlywaySettings settings() {
    return settings;
  }

  public Duration throwawayLockTimeout() {
    return throwawayLockTimeout;
  }

  /** The engine the migrations are written for; its DDL forms are rewritten on a throwaway. */
  public TargetDialect target() {
    return target;
  }

  /**
   * The migrations and callbacks as Flyway's own resolver sees them with these settings, built once
   * per {@code Migrations} (the files are read when it is first asked for).
   */
  public ResolvedMigrations resolved() {
    ResolvedMigrations r = resolved;
    if (r == null) {
      r = FlywayCalls.resolve(this);
      resolved = r;
    }
    return r;
  }

  /** The scripts Flyway runs (migrations and callbacks), in the order it applies them. */
  public List<Path> files() {
    return resolved().all().stream().map(ResolvedMigrations.Script::file).toList();
  }

  /** Flyway configured for these migrations on {@code dataSource}. */
  FluentConfiguration flyway(DataSource dataSource) {
    if (throwaway && dataSource != null) {
      // the target's own DDL forms in their PostgreSQL equivalent, below Flyway (checksums kept)
      dataSource = target.wrap(dataSource);
    }
    Map<String, String> config = new LinkedHashMap<>(settings.values());
    config.keySet().removeIf(k -> k.startsWith("flyway.placeholders."));
    String lockSetting = config.remove(TRANSACTIONAL_LOCK);
    if (throwaway && boundLocks) {
      String bound = "SET lock_timeout = '" + throwawayLockTimeout.toMillis() + "ms'";
      String userInit = config.get("flyway.initSql");
      config.put("flyway.initSql", userInit == null ? bound : bound + ";\n" + userInit);
    }
    FluentConfiguration flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .configuration(config)
            .dataSource(dataSource)
            .locations(
                locations.stream()
                    .map(p -> "filesystem:" + p.toAbsolutePath())
                    .toArray(String[]::new))
            .failOnMissingLocations(true)
            .placeholders(placeholders)
            .table(table)
            .loggers(FlywayInternals.QuietLogCreator.class.getName());
    if (!schemas.isEmpty()) {
      flyway.schemas(schemas.toArray(String[]::new)).createSchemas(true);
    }
    if (throwaway) {
      TransactionalLock.apply(flyway, false);
    } else if (lockSetting != null) {
      TransactionalLock.apply(flyway, TransactionalLock.parse(lockSetting));
    }
    return flyway;
  }

  /**
   * How a new versioned migration is named with these settings: its prefix, separator and suffix
   * ({@code V}, {@code __}, {@code .sql} by default), read from the settings without Flyway.
   */
  public String[] naming() {
    FluentConfiguration flyway = flyway(null);
    return new String[] {
      flyway.getSqlMigrationPrefix(),
      flyway.getSqlMigrationSeparator(),
      flyway.getSqlMigrationSuffixes()[0]
    };
  }

  /** Checks the locations exist and hold at least one migration. */
  public void requireMigrations() {
    for (Path location : locations) {
      if (!Files.isDirectory(location)) {
        throw new MigrationException(
            "Migrations directory not found: " + location.toAbsolutePath(), null, 0, null, null);
      }
    }
    ResolvedMigrations resolved = resolved();
    if (resolved.migrationCount() == 0) {
      throw new MigrationException(
          "No migrations (*" + String.join(", *", resolved.suffixes()) + ") found in " + locations,
          null,
          0,
          null,
          null);
    }
    String encoding = settings.get("encoding");
    if (encoding == null || encoding.equalsIgnoreCase("UTF-8")) {
      for (ResolvedMigrations.Script script : resolved.all()) {
        Utf8Files.require(script.file());
      }
    }
    if (!"false".equalsIgnoreCase(settings.get("validateMigrationNaming"))) {
      List<String> skipped =
          resolved.skipped().stream().map(s -> s.file() + ": " + s.reason()).toList();
      if (!skipped.isEmpty()) {
        throw new MigrationException(
            String.join("\n", skipped)
                + (skipped.size() == 1 ? "" : "\n")
                + (skipped.size() == 1 ? "; " : "")
                + "rename, or allow such files with validateMigrationNaming=false",
            null,
            0,
            null,
            null);
      }
    }
  }

  /** Applies pending migrations; failures name the file and line. */
  public MigrationSummary migrate(DataSource dataSource) {
    return migrate(dataSource, script -> {});
  }

  /**
   * Applies pending migrations, telling {@code beforeEach} the script of each one as it starts;
   * failures name the file and line.
   */
  public MigrationSummary migrate(DataSource dataSource, Consumer<String> beforeEach) {
    requireMigrations();
    return migrate(flyway(dataSource), beforeEach);
  }

  /**
   * As {@link #migrate(DataSource, Consumer)} without Flyway's validation of the applied ones
   * against the files: for a database whose history is known to match them (a migration snapshot
   * keyed by their contents).
   */
  public MigrationSummary migrateTrusted(DataSource dataSource, Consumer<String> beforeEach) {
    requireMigrations();
    return migrate(flyway(dataSource).validateOnMigrate(false), beforeEach);
  }

  /**
   * Applies the pending versioned migrations up to and including {@code version} as if there were
   * no repeatable ones (they run after all versioned ones, so a later {@link #migrate} gives what
   * one run gives). Only for a {@link MigrationChain#splittable()} chain: callbacks would run
   * twice.
   */
  public MigrationSummary migrateVersionedTo(
      DataSource dataSource, String version, Consumer<String> beforeEach) {
    requireMigrations();
    return FlywayInternals.hidingRepeatables(
        () ->
            migrate(
                flyway(dataSource)
                    .target(version)
                    // a prefix no file has: Flyway then sees no repeatable migration
                    .repeatableSqlMigrationPrefix("DRYDOCK-NO-REPEATABLES-")
                    .validateMigrationNaming(false)
                    // what is applied is a prefix of the files (a snapshot keyed by them)
                    .validateOnMigrate(false),
                beforeEach));
  }

  /** The migration files in the order Flyway applies them to an empty database. */
  public MigrationChain chain() {
    return MigrationChain.of(resolved(), this);
  }

  private MigrationSummary migrate(FluentConfiguration flyway, Consumer<String> beforeEach) {
    return FlywayCalls.migrate(this, flyway, beforeEach);
  }

  /** Flyway's view of {@code dataSource}'s history against the files: applied, pending, ... */
  public List<MigrationInfo> info(DataSource dataSource) {
    return FlywayCalls.info(this, dataSource);
  }

  /**
   * Records every pending migration in {@code dataSource}'s history as applied without running it
   * (Flyway's {@code skipExecutingMigrations}: the database already is in that state); a database
   * with objects but no history is baselined at version 0 first.
   *
   * @param baselineDescription the description of that baseline row, e.g. {@code drydock pull}
   * @return how many migrations were recorded
   */
  public int recordPendingAsApplied(DataSource dataSource, String baselineDescription) {
    return FlywayCalls.recordPendingAsApplied(this, dataSource, baselineDescription);
  }

  /** The history table of {@code dataSource} against the files. */
  public HistoryCheck.Report check(DataSource dataSource) {
    requireMigrations();
    return HistoryCheck.of(FlywayCalls.info(this, dataSource));
  }

  /**
   * The pending migrations that use {@code CONCURRENTLY} while Flyway's transactional lock is on:
   * they wait forever behind that lock. Empty when the lock is off.
   */
  public List<Path> concurrentlyUnderTransactionalLock(DataSource dataSource) {
    String lock = settings.get(TRANSACTIONAL_LOCK);
    if (throwaway || (lock != null && !TransactionalLock.parse(lock))) {
      return List.of();
    }
    return FlywayCalls.concurrentlyUnderTransactionalLock(this, dataSource);
  }

  /** Flyway's failure as one line naming file (with its path) and line. */
  MigrationException translate(org.flywaydb.core.api.FlywayException e) {
    return MigrationFailures.translate(
        e, this::locate, files(), throwaway && boundLocks ? throwawayLockTimeout : null);
  }

  /**
   * True when the migration {@code script} runs outside a transaction ({@code CONCURRENTLY}, {@code
   * VACUUM}, or {@code executeInTransaction=false} in its {@code .conf}): cut off, it may be
   * half-applied.
   */
  public boolean runsOutsideTransaction(String script) {
    Optional<ResolvedMigrations.Script> resolvedScript = resolved().find(script);
    if (resolvedScript.isPresent() && !resolvedScript.get().executeInTransaction()) {
      return true;
    }
    Path file = resolvedScript.map(ResolvedMigrations.Script::file).orElseGet(() -> locate(script));
    try {
      return Files.isRegularFile(file) && ScriptText.runsOutsideTransaction(Files.readString(file));
    } catch (IOException e) {
      return false;
    }
  }

  /** The path of {@code file} under the location that has it. */
  public Path locate(String file) {
    ResolvedMigrations r = resolved;
    if (r != null) {
      Optional<ResolvedMigrations.Script> known = r.find(file);
      if (known.isPresent()) {
        return known.get().file();
      }
    }
    return locations.stream()
        .map(location -> location.resolve(file))
        .filter(Files::exists)
        .findFirst()
        .orElse(locations.get(0).resolve(file));
  }

  /** Fluent builder; every setter returns {@code this}. */
  public static final class Builder {
    private final List<Path> locations = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private String table;
    private FlywaySettings settings = FlywaySettings.none();
    private Duration throwawayLockTimeout = DEFAULT_THROWAWAY_LOCK_TIMEOUT;
    private TargetDialect target = TargetDialect.POSTGRESQL;

    private Builder() {}

    /** The engine the migrations are written for (default: PostgreSQL, nothing rewritten). */
    public Builder target(TargetDialect target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    /** A directory of Flyway SQL migrations; may be given several times. */
    public Builder location(Path directory) {
      locations.add(Objects.requireNonNull(directory, "directory"));
      return this;
    }

    public Builder locations(List<Path> directories) {
      directories.forEach(this::location);
      return this;
    }

    /** Schemas Flyway manages; default: the settings' {@code schemas}, else Flyway's default. */
    public Builder schemas(List<String> names) {
      schemas.addAll(names);
      return this;
    }

    public Builder placeholder(String name, String value) {
      placeholders.put(name, value);
      return this;
    }

    public Builder placeholders(Map<String, String> values) {
      placeholders.putAll(values);
      return this;
    }

    /**
     * History table; default: the settings' {@code table}, else {@value #DEFAULT_HISTORY_TABLE}.
     */
    public Builder table(String name) {
      this.table = name;
      return this;
    }

    /** The project's own Flyway settings (config files, environment, explicit keys). */
    public Builder settings(FlywaySettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** How long a statement may wait for a lock on a throwaway database (default 30 s). */
    public Builder throwawayLockTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "The throwaway lock timeout must be positive: " + timeout);
      }
      this.throwawayLockTimeout = timeout;
      return this;
    }

    public Migrations build() {
      if (locations.isEmpty()) {
        throw new IllegalStateException("No migration location configured");
      }
      return new Migrations(this, false);
    }
  }
}
