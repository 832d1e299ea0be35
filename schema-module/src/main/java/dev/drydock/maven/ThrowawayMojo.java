package dev.drydock.maven;

import dev.drydock.lifecycle.JvmShutdown;
import dev.drydock.migrate.FlywaySettings;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.BinariesArtifact;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.SnapshotSettings;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * What every goal that applies the project's migrations to a throwaway PostgreSQL takes ({@code
 * generate}, {@code lint}): where the migrations are, the project's Flyway settings, the throwaway
 * provider and its PostgreSQL version, migration snapshots; and how they become Drydock's settings.
 */
abstract class ThrowawayMojo extends AbstractMojo {

  /** Directories of Flyway SQL migrations. */
  @Parameter(defaultValue = "${project.basedir}/src/main/resources/db/migration")
  List<File> migrations;

  /** Schemas Flyway manages (its first holds the history table). */
  @Parameter List<String> flywaySchemas;

  /** Flyway placeholders. */
  @Parameter Map<String, String> placeholders;

  /**
   * The project's own Flyway settings, in Flyway's key names (e.g. {@code
   * postgresql.transactional.lock}, {@code sqlMigrationPrefix}, {@code outOfOrder}); they override
   * {@code FLYWAY_*} environment variables, which override the Flyway config file. An unknown key
   * fails the build, naming it.
   */
  @Parameter Map<String, String> flywayConfiguration;

  /**
   * Flyway config file ({@code flyway.toml}'s {@code [flyway]} table or {@code flyway.conf}).
   * Default: {@code flyway.toml} or {@code flyway.conf} in the project's base directory, if there.
   */
  @Parameter(property = "drydock.flywayConfigFile")
  File flywayConfigFile;

  /** SQL run on the throwaway database before the migrations, e.g. {@code CREATE ROLE app}. */
  @Parameter List<String> initSql;

  /** auto | embedded | testcontainers | external. */
  @Parameter(property = "drydock.provider", defaultValue = "auto")
  String provider;

  /** JDBC URL of an external PostgreSQL server for the external provider. */
  @Parameter(property = "drydock.url")
  String url;

  @Parameter(property = "drydock.user")
  String user;

  @Parameter(property = "drydock.password")
  String password;

  /**
   * PostgreSQL version of the embedded server, to match production (e.g. {@code 16.10.0}, {@code
   * 18.1.0}): zonky's binaries of that version for this platform are resolved like any dependency.
   * Default: the plugin's own (PostgreSQL 17).
   */
  @Parameter(property = "drydock.postgres.version")
  String postgresVersion;

  /**
   * Start the throwaway database from a migration snapshot in the cache when one fits, and save one
   * for the next build; {@code -Ddrydock.snapshots=false} applies every migration to an empty one.
   */
  @Parameter(property = "drydock.snapshots", defaultValue = "true")
  boolean snapshots;

  /**
   * Disk space all migration snapshots in the cache may use together, e.g. {@code 512M} or {@code
   * 2G}; beyond it the least recently used are deleted.
   */
  @Parameter(property = "drydock.snapshots.cacheLimit", defaultValue = "1G")
  String snapshotCacheLimit;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  RepositorySystemSession repositorySession;

  @Component RepositorySystem repositorySystem;

  /** The environment the {@code FLYWAY_*} settings come from (a test gives its own). */
  Map<String, String> environment = System.getenv();

  /** The migrations' locations, schemas, placeholders and the project's Flyway settings. */
  Migrations.Builder migrationsBuilder() {
    Migrations.Builder m = Migrations.configure();
    migrations.forEach(dir -> m.location(dir.toPath()));
    if (flywaySchemas != null) {
      m.schemas(flywaySchemas);
    }
    if (placeholders != null) {
      m.placeholders(placeholders);
    }
    return m.settings(flywaySettings());
  }

  /** The throwaway provider, with the binaries of {@code postgresVersion} when one is set. */
  ProviderSettings.Builder providerSettings() throws MojoExecutionException {
    ProviderSettings.Builder b =
        ProviderSettings.configure()
            .kind(ProviderKind.parse(provider))
            .serverUrl(url)
            .user(user)
            .password(password);
    if (initSql != null) {
      initSql.forEach(b::initSql);
    }
    if (postgresVersion != null && !postgresVersion.isBlank()) {
      b.postgresBinaries(resolveBinaries(postgresVersion.strip()));
    }
    return b;
  }

  SnapshotSettings snapshotSettings() {
    return SnapshotSettings.configure()
        .enabled(snapshots)
        .maxBytes(SnapshotSettings.parseSize(snapshotCacheLimit))
        .build();
  }

  /**
   * After Ctrl-C or SIGTERM the shutdown hooks stop the throwaway server under Flyway or jOOQ, and
   * what fails then is the interrupt's consequence, not a broken migration: say so, without the
   * failure as cause (no stack trace with {@code -e}). The interruption itself is said once, by
   * {@link InterruptNotice}'s hook; Maven prints this only when it gets there before the JVM halts.
   */
  static void throwIfInterrupted() throws MojoFailureException {
    if (JvmShutdown.inProgress()) {
      throw new MojoFailureException("[drydock] Stopped by the interruption (Ctrl-C or SIGTERM)");
    }
  }

  private FlywaySettings flywaySettings() {
    FlywaySettings.Builder settings = FlywaySettings.configure();
    if (flywayConfigFile != null) {
      settings.file(flywayConfigFile.toPath());
    } else {
      settings.defaultFileIn(project.getBasedir().toPath());
    }
    settings.environment(environment);
    if (flywayConfiguration != null) {
      settings.settings(flywayConfiguration);
    }
    return settings.build();
  }

  private Path resolveBinaries(String version) throws MojoExecutionException {
    BinariesArtifact coordinates = BinariesArtifact.forThisPlatform(version);
    ArtifactRequest request =
        new ArtifactRequest(
            new DefaultArtifact(coordinates.toString()),
            project.getRemoteProjectRepositories(),
            null);
    try {
      return repositorySystem
          .resolveArtifact(repositorySession, request)
          .getArtifact()
          .getFile()
          .toPath();
    } catch (ArtifactResolutionException e) {
      throw new MojoExecutionException(
          "[drydock] PostgreSQL "
              + version
              + " binaries not found ("
              + coordinates
              + "): "
              + e.getMessage(),
          e);
    }
  }
}
