package dev.drydock.maven.plugin;

import java.io.File;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystemSession;

/**
 * The parameters every goal that applies the project's migrations to a throwaway PostgreSQL takes,
 * declared exactly as the engine's goals ({@code drydock-schema}'s {@code ThrowawayMojo}) declare
 * them, so {@code mvn help:describe}, the user properties and the POM configuration are the same;
 * the engine's goal is configured by Maven from this execution's configuration ({@link Engine}).
 */
abstract class ThrowawayGoal extends AbstractMojo {

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

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  MojoExecution mojoExecution;

  @Component BuildPluginManager pluginManager;

  /** Runs the engine's goal of the same name with this execution's configuration. */
  void runEngine(Map<String, String> extra) throws MojoExecutionException, MojoFailureException {
    Engine.of(session, pluginManager).run(mojoExecution, extra);
  }
}
