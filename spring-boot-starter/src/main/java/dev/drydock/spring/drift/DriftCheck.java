package dev.drydock.spring.drift;

import dev.drydock.diff.Comparison;
import dev.drydock.diff.MigrationsComparison;
import dev.drydock.diff.report.NotCompared;
import dev.drydock.diff.report.TextRenderer;
import dev.drydock.migrate.FlywaySettings;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.PostgresVersion;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.SnapshotSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Compares the application's database with its migrations through {@code drydock diff}'s comparison
 * service ({@link MigrationsComparison}), with the Flyway bean's settings. The only class of the
 * starter that calls drydock-schema (an optional dependency).
 */
public final class DriftCheck {

  private final List<String> locations;
  private final List<String> schemas;
  private final String historyTable;
  private final ProviderSettings throwaway;
  private final SnapshotSettings snapshots;
  private final Optional<PostgresVersion> postgresVersion;
  private final FlywayBeanSettings flyway;

  /**
   * @param locations Spring resource locations of the migrations, e.g. {@code
   *     classpath:db/migration}
   * @param schemas the schemas to compare; empty for every non-system schema
   * @param historyTable Flyway's history table, not compared
   * @param provider where the throwaway PostgreSQL comes from: auto, embedded, testcontainers
   * @param snapshots whether the throwaway may start from (and save) a migration snapshot
   */
  public DriftCheck(
      List<String> locations,
      List<String> schemas,
      String historyTable,
      String provider,
      boolean snapshots) {
    this(locations, schemas, historyTable, provider, snapshots, null);
  }

  /**
   * As {@link #DriftCheck(List, List, String, String, boolean)} with Drydock's cache (binaries,
   * snapshots, kept catalogs) in {@code cacheDirectory}; null for the default ({@code
   * drydock.cache}, {@code $DRYDOCK_CACHE}, else the user's cache directory).
   */
  public DriftCheck(
      List<String> locations,
      List<String> schemas,
      String historyTable,
      String provider,
      boolean snapshots,
      java.nio.file.Path cacheDirectory) {
    this(
        schemas,
        provider,
        snapshots,
        Optional.empty(),
        new FlywayBeanSettings(locations, List.of(), historyTable, Map.of(), Map.of()),
        cacheDirectory);
  }

  /**
   * @param schemas the schemas to compare; empty for every non-system schema
   * @param provider where the throwaway PostgreSQL comes from: auto, embedded, testcontainers
   * @param snapshots whether the throwaway may start from (and save) a migration snapshot
   * @param postgresVersion the throwaway's PostgreSQL; empty: the live server's major
   * @param flyway the migrations and how Flyway runs them (the application's Flyway bean's)
   */
  public DriftCheck(
      List<String> schemas,
      String provider,
      boolean snapshots,
      Optional<PostgresVersion> postgresVersion,
      FlywayBeanSettings flyway) {
    this(schemas, provider, snapshots, postgresVersion, flyway, null);
  }

  /**
   * As {@link #DriftCheck(List, String, boolean, Optional, FlywayBeanSettings)} with Drydock's
   * cache in {@code cacheDirectory}; null for the default.
   */
  public DriftCheck(
      List<String> schemas,
      String provider,
      boolean snapshots,
      Optional<PostgresVersion> postgresVersion,
      FlywayBeanSettings flyway,
      java.nio.file.Path cacheDirectory) {
    this.flyway = Objects.requireNonNull(flyway, "flyway");
    this.locations = flyway.locations();
    this.schemas = List.copyOf(schemas);
    this.historyTable = Objects.requireNonNull(flyway.table(), "historyTable");
    ProviderSettings.Builder settings =
        ProviderSettings.configure().kind(ProviderKind.parse(provider));
    if (cacheDirectory != null) {
      settings.cacheDirectory(cacheDirectory);
    }
    this.throwaway = settings.build();
    this.snapshots = snapshots ? SnapshotSettings.defaults() : SnapshotSettings.disabled();
    this.postgresVersion = Objects.requireNonNull(postgresVersion, "postgresVersion");
  }

  /**
   * Compares {@code live} (the application's database) with the migrations, on a throwaway of the
   * live server's major unless a version was chosen. With unchanged migrations and snapshots on,
   * their schema is the catalog kept with their snapshot: no throwaway database starts.
   */
  public DriftReport check(DataSource live) {
    try (ClasspathMigrations files =
            ClasspathMigrations.copy(locations, DriftCheck.class.getClassLoader());
        Connection actual = live.getConnection()) {
      Migrations migrations =
          Migrations.configure()
              .locations(files.locations())
              .table(historyTable)
              .schemas(flyway.schemas())
              .placeholders(flyway.placeholders())
              .settings(FlywaySettings.configure().settings(flyway.settings()).build())
              .build();
      Comparison compared =
          MigrationsComparison.configure()
              .migrations(migrations)
              .provider(throwaway)
              .snapshots(snapshots)
              .schemas(schemas)
              .postgresVersion(postgresVersion)
              .build()
              .compare(actual);
      List<String> notCompared = new ArrayList<>();
      notCompared.addAll(compared.alsoNotCompared());
      notCompared.addAll(NotCompared.ITEMS);
      String text =
          compared.mismatch().map(line -> line + "\n").orElse("")
              + TextRenderer.render(
                  compared.result(),
                  compared.expectedLabel("migrations in " + String.join(", ", locations)),
                  compared.liveLabel(label(actual)),
                  notCompared);
      return new DriftReport(compared.result().differences().size(), text, Instant.now());
    } catch (SQLException e) {
      throw new IllegalStateException("drydock.drift-check: database error: " + e.getMessage(), e);
    }
  }

  /** The live database's JDBC URL without its parameters (they may hold a password). */
  private static String label(Connection connection) throws SQLException {
    String url = connection.getMetaData().getURL();
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
