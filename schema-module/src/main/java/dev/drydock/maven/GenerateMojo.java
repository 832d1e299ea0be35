package dev.drydock.maven;

import dev.drydock.codegen.CodeGeneration;
import dev.drydock.codegen.CodegenException;
import dev.drydock.codegen.GenerationResult;
import dev.drydock.codegen.JooqGeneratorSettings;
import dev.drydock.engine.Target;
import dev.drydock.engine.TargetDialect;
import dev.drydock.migrate.MigrationException;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderException;
import dev.drydock.provider.ProviderSettings;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Applies the Flyway migrations to a throwaway PostgreSQL and generates jOOQ classes from it, then
 * adds the output as a compile source root. Does no database work when migrations and configuration
 * are unchanged since the last run (see {@code drydock.force}).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends ThrowawayMojo {

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

  /**
   * Seconds a statement may wait for a lock on the throwaway database before the build fails,
   * naming the migration (nothing else runs there: such a wait never ends by itself).
   */
  @Parameter(property = "drydock.throwawayLockTimeout", defaultValue = "30")
  private int throwawayLockTimeout;

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

  @Parameter(property = "drydock.skip", defaultValue = "false")
  private boolean skip;

  /**
   * Set by the thin plugin ({@code drydock-maven-plugin}) when it runs this goal: the stamp it
   * computed over the goal's inputs, written into the output's marker so that its next no-op build
   * answers "up to date" without loading this engine. Not for users.
   */
  @Parameter private String buildStamp;

  /** The system properties jOOQ's code generator reads (a test gives its own). */
  Properties systemProperties = System.getProperties();

  @Override
  @SuppressWarnings("try") // the notice is a scope, never referenced
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("[drydock] skipped (drydock.skip)");
      return;
    }
    try (InterruptNotice notice = InterruptNotice.register(getLog())) {
      GenerationResult result = workflow().run();
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
   * The workflow this goal's configuration gives; its {@link CodeGeneration#fingerprint()} is the
   * engine's uncached answer (the thin plugin's differential test compares its stamp with it).
   */
  CodeGeneration workflow() throws MojoExecutionException {
    Migrations.Builder migrationsBuilder = migrationsBuilder();
    migrationsBuilder
        .throwawayLockTimeout(Duration.ofSeconds(throwawayLockTimeout))
        .target(
            TargetDialect.configure()
                .target(Target.parse(target == null ? "postgresql" : target))
                .log(line -> getLog().info("[drydock] " + line))
                .build());
    ProviderSettings.Builder providerBuilder = providerSettings();
    CodeGeneration.Builder workflow =
        CodeGeneration.configure()
            .systemProperties(systemProperties)
            .migrations(migrationsBuilder.build())
            .packageName(packageName)
            .outputDirectory(outputDirectory.toPath())
            .provider(providerBuilder.build())
            .excludes(excludes)
            .recordVersionFields(recordVersionFields)
            .recordTimestampFields(recordTimestampFields)
            .force(force)
            .snapshots(snapshotSettings())
            .jooqGenerator(JooqGeneratorSettings.of(generator))
            .stamp(buildStamp == null || buildStamp.isBlank() ? null : buildStamp)
            .log(line -> getLog().info("[drydock] " + line))
            .warnings(line -> getLog().warn("[drydock] " + line));
    if (schemas != null) {
      workflow.schemas(schemas);
    }
    return workflow.build();
  }
}
