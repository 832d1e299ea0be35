package dev.drydock.maven;

import dev.drydock.codegen.CodeGeneration;
import dev.drydock.codegen.CodegenException;
import dev.drydock.codegen.GenerationResult;
import dev.drydock.codegen.JooqGeneratorSettings;
import dev.drydock.engine.Target;
import dev.drydock.engine.TargetDialect;
import dev.drydock.lifecycle.JvmShutdown;
import dev.drydock.migrate.FlywaySettings;
import dev.drydock.migrate.MigrationException;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.BinariesArtifact;
import dev.drydock.provider.ProviderException;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.SnapshotSettings;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Applies the Flyway migrations to a throwaway PostgreSQL and generates jOOQ classes from it, then
 * adds the output as a compile source root. Does no database work when migrations and configuration
 * are unchanged since the last run (see {@code drydock.force}).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

  /** Directories of Flyway SQL migrations. */
  @Parameter(defaultValue = "${project.basedir}/src/main/resources/db/migration")
  private List<File> migrations;

  /** Java package of the generated classes. */
  @Parameter(property = "drydock.packageName", required = true)
  private String packageName;

  /** Where the generated sources go; added as a compile source root. */
  @Parameter(
      property = "drydock.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/jooq")
  private File outputDirectory;

  /** Database schemas to generate code for (default: the Flyway schemas, else public). */
  @Parameter private List<String> schemas;

  /** Schemas Flyway manages (its first holds the history table). */
  @Parameter private List<String> flywaySchemas;

  /** Flyway placeholders. */
  @Parameter private Map<String, String> placeholders;

  /**
   * The project's own Flyway settings, in Flyway's key names (e.g. {@code
   * postgresql.transactional.lock}, {@code sqlMigrationPrefix}, {@code outOfOrder}); they override
   * {@code FLYWAY_*} environment variables, which override the Flyway config file. An unknown key
   * fails the build, naming it.
   */
  @Parameter private Map<String, String> flywayConfiguration;

  /**
   * Flyway config file ({@code flyway.toml}'s {@code [flyway]} table or {@code flyway.conf}).
   * Default: {@code flyway.toml} or {@code flyway.conf} in the project's base directory, if there.
   */
  @Parameter(property = "drydock.flywayConfigFile")
  private File flywayConfigFile;

  /**
   * Seconds a statement may wait for a lock on the throwaway database before the build fails,
   * naming the migration (nothing else runs there: such a wait never ends by itself).
   */
  @Parameter(property = "drydock.throwawayLockTimeout", defaultValue = "30")
  private int throwawayLockTimeout;

  /** SQL run on the throwaway database before the migrations, e.g. {@code CREATE ROLE app}. */
  @Parameter private List<String> initSql;

  /** jOOQ exclude regex, in addition to Flyway's history table. */
  @Parameter(property = "drydock.excludes")
  private String excludes;

  /** Columns used for optimistic locking by jOOQ's UpdatableRecord. */
  @Parameter(property = "drydock.recordVersionFields", defaultValue = "lock_version")
  private String recordVersionFields;

  /** Columns that become jOOQ's record timestamp fields (touched by the DAO on update). */
  @Parameter(property = "drydock.recordTimestampFields", defaultValue = "updated_at")
  private String recordTimestampFields;

  /**
   * jOOQ's own {@code <generator>} element, as jooq-codegen-maven takes it ({@code <database>} with
   * forced types, includes, excludes, ...; {@code <generate>}; {@code <strategy>}; {@code <name>}),
   * merged with what Drydock sets: connection, dialect, history-table exclusion and target.
   */
  @Parameter private org.jooq.meta.jaxb.Generator generator;

  /** auto | embedded | testcontainers | external. */
  @Parameter(property = "drydock.provider", defaultValue = "auto")
  private String provider;

  /** JDBC URL of an external PostgreSQL server for the external provider. */
  @Parameter(property = "drydock.url")
  private String url;

  @Parameter(property = "drydock.user")
  private String user;

  @Parameter(property = "drydock.password")
  private String password;

  /**
   * PostgreSQL version of the embedded server, to match production (e.g. {@code 16.10.0}, {@code
   * 18.1.0}): zonky's binaries of that version for this platform are resolved like any dependency.
   * Default: the plugin's own (PostgreSQL 17).
   */
  @Parameter(property = "drydock.postgres.version")
  private String postgresVersion;

  /**
   * The engine the migrations are written for: {@code postgresql}, {@code dsql} (Aurora DSQL) or
   * {@code cockroachdb}. Its own DDL forms (e.g. {@code CREATE INDEX ASYNC}) are applied in their
   * PostgreSQL equivalent on the throwaway, each one logged.
   */
  @Parameter(property = "drydock.target", defaultValue = "postgresql")
  private String target;

  /** Regenerate even when nothing changed. */
  @Parameter(property = "drydock.force", defaultValue = "false")
  private boolean force;

  /**
   * Start the throwaway database from a migration snapshot in the cache when one fits, and save one
   * for the next build; {@code -Ddrydock.snapshots=false} applies every migration to an empty one.
   */
  @Parameter(property = "drydock.snapshots", defaultValue = "true")
  private boolean snapshots;

  /**
   * Disk space all migration snapshots in the cache may use together, e.g. {@code 512M} or {@code
   * 2G}; beyond it the least recently used are deleted.
   */
  @Parameter(property = "drydock.snapshots.cacheLimit", defaultValue = "1G")
  private String snapshotCacheLimit;

  @Parameter(property = "drydock.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  private RepositorySystemSession repositorySession;

  @Component private RepositorySystem repositorySystem;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("[drydock] skipped (drydock.skip)");
      return;
    }
    try {
      Migrations.Builder migrationsBuilder = Migrations.configure();
      migrations.forEach(dir -> migrationsBuilder.location(dir.toPath()));
      if (flywaySchemas != null) {
        migrationsBuilder.schemas(flywaySchemas);
      }
      if (placeholders != null) {
        migrationsBuilder.placeholders(placeholders);
      }
      migrationsBuilder
          .settings(flywaySettings())
          .throwawayLockTimeout(Duration.ofSeconds(throwawayLockTimeout))
          .target(
              TargetDialect.configure()
                  .target(Target.parse(target == null ? "postgresql" : target))
                  .log(line -> getLog().info("[drydock] " + line))
                  .build());
      ProviderSettings.Builder providerBuilder =
          ProviderSettings.configure()
              .kind(ProviderKind.parse(provider))
              .serverUrl(url)
              .user(user)
              .password(password);
      if (initSql != null) {
        initSql.forEach(providerBuilder::initSql);
      }
      if (postgresVersion != null && !postgresVersion.isBlank()) {
        providerBuilder.postgresBinaries(resolveBinaries(postgresVersion.trim()));
      }
      CodeGeneration.Builder workflow =
          CodeGeneration.configure()
              .migrations(migrationsBuilder.build())
              .packageName(packageName)
              .outputDirectory(outputDirectory.toPath())
              .provider(providerBuilder.build())
              .excludes(excludes)
              .recordVersionFields(recordVersionFields)
              .recordTimestampFields(recordTimestampFields)
              .force(force)
              .snapshots(
                  SnapshotSettings.configure()
                      .enabled(snapshots)
                      .maxBytes(SnapshotSettings.parseSize(snapshotCacheLimit))
                      .build())
              .jooqGenerator(JooqGeneratorSettings.of(generator))
              .log(line -> getLog().info("[drydock] " + line))
              .warnings(line -> getLog().warn("[drydock] " + line));
      if (schemas != null) {
        workflow.schemas(schemas);
      }
      GenerationResult result = workflow.build().run();
      getLog().info("[drydock] " + result.summary());
    } catch (MigrationException e) {
      throwIfInterrupted();
      throw new MojoFailureException("[drydock] Migrations failed: " + e.getMessage(), e);
    } catch (ProviderException | CodegenException | IllegalArgumentException e) {
      throwIfInterrupted();
      throw new MojoExecutionException("[drydock] " + e.getMessage(), e);
    }
    project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
  }

  /**
   * After Ctrl-C or SIGTERM the shutdown hooks stop the throwaway server under Flyway or jOOQ, and
   * what fails then is the interrupt's consequence, not a broken migration: say so, without the
   * failure as cause (no stack trace with {@code -e}).
   */
  private static void throwIfInterrupted() throws MojoFailureException {
    if (JvmShutdown.inProgress()) {
      throw new MojoFailureException(
          "[drydock] Interrupted: the JVM is exiting; the throwaway database and temporary files"
              + " are being removed");
    }
  }

  private FlywaySettings flywaySettings() {
    FlywaySettings.Builder settings = FlywaySettings.configure();
    if (flywayConfigFile != null) {
      settings.file(flywayConfigFile.toPath());
    } else {
      settings.defaultFileIn(project.getBasedir().toPath());
    }
    settings.environment(System.getenv());
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
