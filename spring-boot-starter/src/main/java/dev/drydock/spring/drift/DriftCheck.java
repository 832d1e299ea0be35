package dev.drydock.spring.drift;

import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Drift;
import dev.drydock.diff.SchemaComparator;
import dev.drydock.diff.report.NotCompared;
import dev.drydock.diff.report.TextRenderer;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogFile;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Compares the application's database with its migrations: applies the migrations to a throwaway
 * PostgreSQL, introspects both and compares them with {@code drydock diff}'s engine. The only class
 * of the starter that calls drydock-schema (an optional dependency).
 */
public final class DriftCheck {

  private final List<String> locations;
  private final List<String> schemas;
  private final String historyTable;
  private final ProviderSettings throwaway;
  private final SnapshotSettings snapshots;

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
    this.locations = List.copyOf(locations);
    this.schemas = List.copyOf(schemas);
    this.historyTable = Objects.requireNonNull(historyTable, "historyTable");
    ProviderSettings.Builder settings =
        ProviderSettings.configure().kind(ProviderKind.parse(provider));
    if (cacheDirectory != null) {
      settings.cacheDirectory(cacheDirectory);
    }
    this.throwaway = settings.build();
    this.snapshots = snapshots ? SnapshotSettings.defaults() : SnapshotSettings.disabled();
  }

  /**
   * Compares {@code live} (the application's database) with the migrations. With unchanged
   * migrations and snapshots on, their schema is the catalog kept with their snapshot: no throwaway
   * database starts.
   */
  public DriftReport check(DataSource live) {
    Introspector introspector = Introspector.configure().historyTable(historyTable).build();
    Set<String> wanted = new LinkedHashSet<>(schemas);
    String catalogKey = CatalogFile.keyFor(historyTable, wanted);
    try (ClasspathMigrations files =
            ClasspathMigrations.copy(locations, DriftCheck.class.getClassLoader());
        Connection actual = live.getConnection()) {
      MigratedDatabase.Builder expected =
          MigratedDatabase.configure()
              .provider(throwaway)
              .snapshots(snapshots)
              .migrations(
                  Migrations.configure().locations(files.locations()).table(historyTable).build());
      Optional<Catalog> kept = expected.cachedCatalog(catalogKey);
      DiffResult result;
      if (kept.isPresent()) {
        result = SchemaComparator.compare(kept.get(), introspector.load(actual, wanted));
      } else {
        try (MigratedDatabase migrated = expected.start();
            Connection migratedConnection = migrated.database().connect()) {
          result = Drift.between(introspector, migratedConnection, actual, wanted);
          migrated.keepCatalog(catalogKey, result.expected());
        }
      }
      String text =
          TextRenderer.render(
              result,
              "migrations in " + String.join(", ", locations),
              label(actual),
              NotCompared.ITEMS);
      return new DriftReport(result.differences().size(), text, Instant.now());
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
