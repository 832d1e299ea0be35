package dev.drydock.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The project's Flyway migrations: where they are and how Flyway is configured for them. Immutable;
 * build with {@link #configure()}:
 *
 * <pre>{@code
 * Migrations migrations = Migrations.configure().location(Path.of("migrations")).build();
 * MigrationSummary summary = migrations.migrate(dataSource);
 * }</pre>
 *
 * Errors come out as a {@link MigrationException} that names the file and line.
 */
public final class Migrations {

  private final List<Path> locations;
  private final List<String> schemas;
  private final Map<String, String> placeholders;
  private final String table;

  private Migrations(Builder b) {
    this.locations = List.copyOf(b.locations);
    this.schemas = List.copyOf(b.schemas);
    this.placeholders = Map.copyOf(b.placeholders);
    this.table = b.table;
  }

  public static Builder configure() {
    return new Builder();
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

  /** Flyway configured for these migrations on {@code dataSource}, for commands beyond migrate. */
  public FluentConfiguration flyway(DataSource dataSource) {
    FluentConfiguration config =
        Flyway.configure(Migrations.class.getClassLoader())
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
      config.schemas(schemas.toArray(String[]::new)).createSchemas(true);
    }
    return config;
  }

  /** Checks the locations exist and hold at least one migration. */
  public void requireMigrations() {
    for (Path location : locations) {
      if (!Files.isDirectory(location)) {
        throw new MigrationException(
            "Migrations directory not found: " + location.toAbsolutePath(), null, 0, null, null);
      }
    }
    if (files().isEmpty()) {
      throw new MigrationException(
          "No migrations (*.sql) found in " + locations, null, 0, null, null);
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
    try {
      MigrateResult result =
          flyway(dataSource).callbacks(new EachMigrationCallback(beforeEach)).load().migrate();
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

  /** The history table of {@code dataSource} against the files. */
  public HistoryCheck.Report check(DataSource dataSource) {
    requireMigrations();
    try {
      return HistoryCheck.of(List.of(flyway(dataSource).load().info().all()));
    } catch (FlywayException e) {
      throw translate(e);
    }
  }

  /** Flyway's failure as one line naming file (with its path) and line. */
  MigrationException translate(FlywayException e) {
    return MigrationFailures.translate(e, this::locate);
  }

  /** The path of {@code file} under the location that has it. */
  Path locate(String file) {
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
    private String table = "flyway_schema_history";

    private Builder() {}

    /** A directory of Flyway SQL migrations; may be given several times. */
    public Builder location(Path directory) {
      locations.add(Objects.requireNonNull(directory, "directory"));
      return this;
    }

    public Builder locations(List<Path> directories) {
      directories.forEach(this::location);
      return this;
    }

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

    public Builder table(String name) {
      this.table = Objects.requireNonNull(name, "table");
      return this;
    }

    public Migrations build() {
      if (locations.isEmpty()) {
        throw new IllegalStateException("No migration location configured");
      }
      return new Migrations(this);
    }
  }
}
