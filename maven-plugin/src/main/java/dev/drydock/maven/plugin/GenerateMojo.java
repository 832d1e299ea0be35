package dev.drydock.maven.plugin;

import dev.drydock.marker.OutputMarker;
import dev.drydock.marker.OutputOwnership;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * Applies the Flyway migrations to a throwaway PostgreSQL and generates jOOQ classes from it, then
 * adds the output as a compile source root. Does no database work when migrations and configuration
 * are unchanged since the last run (see {@code drydock.force}): that answer comes from the output's
 * marker and a {@link BuildStamp} of this execution's inputs, with JDK classes only; anything else
 * runs Drydock's engine ({@link Engine}).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends ThrowawayGoal {

  /** Parameters that do not change what is generated and are not stamped. */
  static final Set<String> UNSTAMPED = Set.of("force", "skip");

  /** Java package of the generated classes. */
  @Parameter(property = "drydock.packageName", required = true)
  String packageName;

  /** Where the generated sources go; added as a compile source root. */
  @Parameter(
      property = "drydock.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/jooq")
  File outputDirectory;

  /** Database schemas to generate code for (default: the Flyway schemas, else public). */
  @Parameter List<String> schemas;

  /**
   * Seconds a statement may wait for a lock on the throwaway database before the build fails,
   * naming the migration (nothing else runs there: such a wait never ends by itself).
   */
  @Parameter(property = "drydock.throwawayLockTimeout", defaultValue = "30")
  int throwawayLockTimeout;

  /** jOOQ exclude regex, in addition to Flyway's history table. */
  @Parameter(property = "drydock.excludes")
  String excludes;

  /** Columns used for optimistic locking by jOOQ's UpdatableRecord. */
  @Parameter(property = "drydock.recordVersionFields", defaultValue = "lock_version")
  String recordVersionFields;

  /** Columns that become jOOQ's record timestamp fields (touched by the DAO on update). */
  @Parameter(property = "drydock.recordTimestampFields", defaultValue = "updated_at")
  String recordTimestampFields;

  /**
   * jOOQ's own {@code <generator>} element, as jooq-codegen-maven takes it ({@code <database>} with
   * forced types, includes, excludes, ...; {@code <generate>}; {@code <strategy>}; {@code <name>}),
   * merged with what Drydock sets: connection, dialect, history-table exclusion and target. (Read
   * by the engine as jOOQ's {@code org.jooq.meta.jaxb.Generator}.)
   */
  @Parameter PlexusConfiguration generator;

  /**
   * The engine the migrations are written for: {@code postgresql}, {@code dsql} (Aurora DSQL) or
   * {@code cockroachdb}. Its own DDL forms (e.g. {@code CREATE INDEX ASYNC}) are applied in their
   * PostgreSQL equivalent on the throwaway, each one logged.
   */
  @Parameter(property = "drydock.target", defaultValue = "postgresql")
  String target;

  /** Regenerate even when nothing changed. */
  @Parameter(property = "drydock.force", defaultValue = "false")
  boolean force;

  @Parameter(property = "drydock.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  PluginDescriptor plugin;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("[drydock] skipped (drydock.skip)");
      return;
    }
    long start = System.nanoTime();
    Optional<String> stamp =
        stamp(
            new PluginParameterExpressionEvaluator(session, mojoExecution),
            System.getenv(),
            System.getProperties());
    if (!force && stamp.isPresent()) {
      Path output =
          OutputOwnership.followLink(outputDirectory.toPath().toAbsolutePath().normalize());
      Optional<String> hash = OutputMarker.unchanged(output, stamp.get());
      if (hash.isPresent()) {
        requireReplaceable(output);
        long files = OutputMarker.countSources(output);
        long millis = (System.nanoTime() - start) / 1_000_000;
        getLog().info("[drydock] " + OutputMarker.upToDateLine(hash.get(), files, millis));
        project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
        return;
      }
    }
    runEngine(stamp.isPresent() ? Map.of("buildStamp", stamp.get()) : Map.of());
    project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
  }

  /**
   * This execution's {@link BuildStamp}, its parameters evaluated by {@code evaluator}, its {@code
   * FLYWAY_*} variables from {@code environment} and its {@code jooq.codegen.*} properties from
   * {@code system}; empty when an input cannot be read or evaluated.
   */
  Optional<String> stamp(
      ExpressionEvaluator evaluator, Map<String, String> environment, Properties system) {
    if (!declaresFixedVersions(plugin)) {
      return Optional.empty();
    }
    try {
      Map<String, String> parameters =
          ExecutionParameters.of(
              mojoExecution.getMojoDescriptor(),
              mojoExecution.getConfiguration(),
              evaluator,
              UNSTAMPED);
      Path basedir = project.getBasedir().toPath();
      List<Path> locations = new ArrayList<>();
      for (File location : migrations) {
        locations.add(location.toPath());
      }
      return new BuildStamp(
              plugin.getVersion(),
              dependencies(plugin),
              parameters,
              basedir,
              BuildStamp.flywayConfigFiles(
                  basedir, flywayConfigFile == null ? null : flywayConfigFile.toPath()),
              environment,
              properties(system),
              locations)
          .value();
    } catch (ExpressionEvaluationException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> properties(Properties system) {
    Map<String, String> out = new TreeMap<>();
    for (String name : system.stringPropertyNames()) {
      out.put(name, system.getProperty(name));
    }
    return out;
  }

  /**
   * Whether every dependency declared on this plugin names one version. A range, {@code LATEST} or
   * {@code RELEASE} lets Maven pick another jOOQ or Flyway with nothing in the project changing:
   * the stamp cannot see that, only the engine (which reads the versions it runs with) can, so such
   * a build always asks it.
   */
  static boolean declaresFixedVersions(PluginDescriptor plugin) {
    if (plugin.getPlugin() == null) {
      return true;
    }
    for (Dependency d : plugin.getPlugin().getDependencies()) {
      String version = String.valueOf(d.getVersion()).strip();
      if (version.startsWith("[")
          || version.startsWith("(")
          || version.contains(",")
          || version.equals("LATEST")
          || version.equals("RELEASE")) {
        return false;
      }
    }
    return true;
  }

  /** The dependencies declared on this plugin in the project, each with all it says. */
  static List<String> dependencies(PluginDescriptor plugin) {
    if (plugin.getPlugin() == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Dependency d : plugin.getPlugin().getDependencies()) {
      out.add(describe(d));
    }
    return out;
  }

  private static String describe(Dependency d) {
    return String.join(
        ":",
        d.getGroupId(),
        d.getArtifactId(),
        String.valueOf(d.getVersion()),
        d.getType(),
        String.valueOf(d.getClassifier()),
        String.valueOf(d.getScope()),
        String.valueOf(d.getOptional()),
        exclusions(d));
  }

  private static String exclusions(Dependency d) {
    StringBuilder out = new StringBuilder("[");
    for (org.apache.maven.model.Exclusion e : d.getExclusions()) {
      out.append(e.getGroupId()).append('/').append(e.getArtifactId()).append(',');
    }
    return out.append(']').toString();
  }

  /** The engine's refusal to call an output with foreign files up to date, said the same way. */
  private void requireReplaceable(Path output) throws MojoExecutionException {
    OutputOwnership ownership = new OutputOwnership(output, packageName);
    Optional<String> refusal;
    try {
      refusal = ownership.refusal();
    } catch (IOException e) {
      throw new MojoExecutionException("[drydock] " + ownership.unreadable(e), e);
    }
    if (refusal.isPresent()) {
      throw new MojoExecutionException("[drydock] " + refusal.get());
    }
  }
}
