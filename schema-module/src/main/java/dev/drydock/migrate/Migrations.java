package dev.drydock.migrate;

import dev.drydock.target.TargetDialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

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

  static final String TRANSACTIONAL_LOCK = "flyway.postgresql.transactional.lock";

  private final List<Path> locations;
  private final List<String> schemas;
  private final Map<String, String> placeholders;
  private final String table;
  private final FlywaySettings settings;
  private final Duration throwawayLockTimeout;
  private final boolean throwaway;
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
    this.target = b.target;
  }

  private Migrations(Migrations base, boolean throwaway) {
    this.locations = base.locations;
    this.schemas = base.schemas;
    this.placeholders = base.placeholders;
    this.table = base.table;
    this.settings = base.settings;
    this.throwawayLockTimeout = base.throwawayLockTimeout;
    this.throwaway = throwaway;
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
    return throwaway ? this : new Migrations(this, true);
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

  /** Every SQL migration file under the locations, sorted by path: what a fingerprint covers. */
  public List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (Path location : locations) {
      try (Stream<Path> walk = Files.walk(location)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.getFileName().toString().endsWith(".sql"))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** Flyway configured for these migrations on {@code dataSource}. */
  FluentConfiguration flyway(DataSource dataSource) {
    if (throwaway && dataSource != null) {
      // the target's own DDL forms in their PostgreSQL equivalent, below Flyway (checksums kept)
      dataSource = target.wrap(dataSource);
    }
    Map<String, String> config = new LinkedHashMap<>(settings.values());
    config.keySet().removeIf(k -> k.startsWith("flyway.placeholders."));
    if (throwaway) {
      config.put(TRANSACTIONAL_LOCK, "false");
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
    return flyway;
  }

  /** Checks the locations exist and hold at least one migration. */
  public void requireMigrations() {
    for (Path location : locations) {
      if (!Files.isDirectory(location)) {
        throw new MigrationException(
            "Migrations directory not found: " + location.toAbsolutePath(), null, 0, null, null);
      }
    }
    List<Path> files = files();
    if (files.isEmpty()) {
      throw new MigrationException(
          "No migrations (*.sql) found in " + locations, null, 0, null, null);
    }
    String encoding = settings.get("encoding");
    if (encoding == null || encoding.equalsIgnoreCase("UTF-8")) {
      for (Path file : files) {
        Utf8Files.require(file);
      }
    }
    if (!"false".equalsIgnoreCase(settings.get("validateMigrationNaming"))) {
      List<String> skipped = new MigrationNaming(flyway(null)).problems(files);
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
    return MigrationChain.of(locations, flyway(null));
  }

  private MigrationSummary migrate(FluentConfiguration flyway, Consumer<String> beforeEach) {
    try {
      MigrateResult result =
          flyway.callbacks(new EachMigrationCallback(beforeEach)).load().migrate();
      return new MigrationSummary(
          result.migrationsExecuted,
          result.initialSchemaVersion,
          result.targetSchemaVersion,
          result.migrations.stream()
              .map(
                  m ->
                      new MigrationSummary.Applied(
                          m.version == null || m.version.isEmpty() ? null : m.version,
                          m.description,
                          m.executionTime))
              .toList());
    } catch (FlywayException e) {
      throw translate(e);
    }
  }

  /** Flyway's view of {@code dataSource}'s history against the files: applied, pending, ... */
  public List<MigrationInfo> info(DataSource dataSource) {
    try {
      return List.of(flyway(dataSource).load().info().all());
    } catch (FlywayException e) {
      throw translate(e);
    }
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
    try {
      return flyway(dataSource)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .baselineDescription(baselineDescription)
          .skipExecutingMigrations(true)
          .load()
          .migrate()
          .migrationsExecuted;
    } catch (FlywayException e) {
      throw translate(e);
    }
  }

  /** The history table of {@code dataSource} against the files. */
  public HistoryCheck.Report check(DataSource dataSource) {
    requireMigrations();
    try {
      return HistoryCheck.of(List.of(flyway(dataSource).load().info().all()));
    } catch (FlywayException e) {
      throw translate(e);
    }
  }

  /**
   * The pending migrations that use {@code CONCURRENTLY} while Flyway's transactional lock is on:
   * they wait forever behind that lock. Empty when the lock is off.
   */
  public List<Path> concurrentlyUnderTransactionalLock(DataSource dataSource) {
    if (throwaway || "false".equalsIgnoreCase(settings.get(TRANSACTIONAL_LOCK))) {
      return List.of();
    }
    List<Path> blocked = new ArrayList<>();
    try {
      for (MigrationInfo pending : flyway(dataSource).load().info().pending()) {
        Path file = locate(pending.getScript());
        if (Files.isRegularFile(file) && ScriptText.usesConcurrently(Files.readString(file))) {
          blocked.add(file);
        }
      }
    } catch (FlywayException e) {
      throw translate(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return blocked;
  }

  /** Flyway's failure as one line naming file (with its path) and line. */
  MigrationException translate(FlywayException e) {
    return MigrationFailures.translate(
        e, this::locate, files(), throwaway ? throwawayLockTimeout : null);
  }

  /**
   * True when the migration {@code script} runs outside a transaction ({@code CONCURRENTLY}, {@code
   * VACUUM}, or {@code executeInTransaction=false} in its {@code .conf}): cut off, it may be
   * half-applied.
   */
  public boolean runsOutsideTransaction(String script) {
    Path file = locate(script);
    Path conf = file.resolveSibling(file.getFileName() + ".conf");
    try {
      return (Files.isRegularFile(file)
              && ScriptText.runsOutsideTransaction(Files.readString(file)))
          || (Files.isRegularFile(conf)
              && Files.readString(conf).replace(" ", "").contains("executeInTransaction=false"));
    } catch (IOException e) {
      return false;
    }
  }

  /** The path of {@code file} under the location that has it. */
  public Path locate(String file) {
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
