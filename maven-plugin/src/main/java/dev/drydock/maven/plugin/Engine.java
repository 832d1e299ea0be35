package dev.drydock.maven.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.InvalidPluginDescriptorException;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginConfigurationException;
import org.apache.maven.plugin.PluginDescriptorParsingException;
import org.apache.maven.plugin.PluginManagerException;
import org.apache.maven.plugin.PluginNotFoundException;
import org.apache.maven.plugin.PluginResolutionException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.LocalArtifactRequest;
import org.eclipse.aether.repository.LocalArtifactResult;

/**
 * Drydock's engine ({@code dev.drydock:drydock-schema} of this plugin's version, itself a Maven
 * plugin whose goals implement {@link org.apache.maven.plugin.Mojo}), run the way Maven runs any
 * plugin's goal: {@link BuildPluginManager#loadPlugin} resolves its runtime dependencies with the
 * build's repository system and session from the project's plugin repositories, the dependencies
 * the user declared on this plugin overriding the engine's versions (jOOQ, Flyway, the driver), as
 * they did when the engine was the plugin; {@link BuildPluginManager#executeMojo} builds its class
 * realm (importing Maven's exported API, through Maven's ClassRealmManager), configures the goal
 * with Maven's component configurator from this execution's configuration and expression evaluator,
 * and runs it. Maven keeps the descriptor and the realm in its per-session caches, keyed by the
 * plugin, its dependencies and the repositories: the modules of a multi-module build resolve and
 * load the engine once.
 */
final class Engine {

  static final String GROUP_ID = "dev.drydock";
  static final String ARTIFACT_ID = "drydock-schema";

  private final MavenSession session;
  private final BuildPluginManager manager;

  private Engine(MavenSession session, BuildPluginManager manager) {
    this.session = session;
    this.manager = manager;
  }

  static Engine of(MavenSession session, BuildPluginManager manager) {
    return new Engine(session, manager);
  }

  /**
   * Runs the engine's goal named as {@code thin}'s, configured from {@code thin}'s configuration
   * (the engine goal's parameters only) and {@code extra} values.
   */
  void run(MojoExecution thin, Map<String, String> extra)
      throws MojoExecutionException, MojoFailureException {
    Plugin engine = plugin(thin.getMojoDescriptor().getPluginDescriptor());
    String coordinates = engine.getId();
    MavenProject project = session.getCurrentProject();
    PluginDescriptor descriptor;
    try {
      descriptor =
          manager.loadPlugin(
              engine, project.getRemotePluginRepositories(), session.getRepositorySession());
    } catch (PluginResolutionException e) {
      // the resolver's exception is kept as suppressed, not as the cause: Maven appends every
      // cause's message to the one it prints (the resolver's span lines, with tabs), and -e still
      // shows it in full
      MojoExecutionException unresolved = new MojoExecutionException(unresolved(coordinates, e));
      unresolved.addSuppressed(e);
      throw unresolved;
    } catch (PluginNotFoundException
        | PluginDescriptorParsingException
        | InvalidPluginDescriptorException e) {
      throw new MojoExecutionException(
          "[drydock] Cannot load Drydock's engine " + coordinates + ": " + oneLine(e), e);
    }
    MojoDescriptor goal = descriptor.getMojo(thin.getGoal());
    if (goal == null) {
      throw new MojoExecutionException(
          "[drydock] Drydock's engine " + coordinates + " has no goal " + thin.getGoal());
    }
    MojoExecution execution = new MojoExecution(goal, thin.getExecutionId(), thin.getSource());
    execution.setLifecyclePhase(thin.getLifecyclePhase());
    execution.setConfiguration(configuration(goal, thin.getConfiguration(), extra));
    try {
      manager.executeMojo(session, execution);
    } catch (PluginConfigurationException | PluginManagerException e) {
      throw new MojoExecutionException(
          "[drydock] Cannot run Drydock's engine " + coordinates + ": " + e.getMessage(), e);
    }
  }

  /**
   * Why the engine could not be resolved, in one line saying what to do: it is not in the local
   * repository and Maven is offline; no plugin repository gave it (the resolver's reason); or one
   * of its dependencies could not be resolved (the resolver's reason).
   */
  private String unresolved(String coordinates, PluginResolutionException e) {
    RepositorySystemSession repositories = session.getRepositorySession();
    String local = repositories.getLocalRepository().getBasedir().toString();
    String[] gav = coordinates.split(":");
    LocalArtifactResult engineJar =
        repositories
            .getLocalRepositoryManager()
            .find(
                repositories,
                new LocalArtifactRequest(
                    new DefaultArtifact(gav[0], gav[1], "jar", gav[2]), null, null));
    if (engineJar.getFile() == null && session.isOffline()) {
      return "[drydock] Drydock's engine "
          + coordinates
          + " is not in the local repository "
          + local
          + " and Maven is offline (-o): run the build once without -o so Maven downloads it";
    }
    if (engineJar.getFile() == null) {
      return "[drydock] Cannot resolve Drydock's engine "
          + coordinates
          + " from the project's plugin repositories ("
          + oneLine(e)
          + "): add a plugin repository (or a mirror in settings.xml) that has it, or install it"
          + " into the local repository "
          + local;
    }
    return "[drydock] Cannot resolve the dependencies of Drydock's engine "
        + coordinates
        + (session.isOffline() ? " offline (-o)" : "")
        + ": "
        + oneLine(e)
        + (session.isOffline()
            ? ": run the build once without -o so Maven downloads them"
            : ": check the dependencies declared on drydock-maven-plugin and the plugin"
                + " repositories");
  }

  /** {@code e}'s message and its causes' as one line (Maven's own have tabs and new lines). */
  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.strip().replaceAll("\\s*\\R\\s*", " ").replace('\t', ' ');
  }

  /**
   * The engine as a plugin: this plugin's version, with the dependencies the project declared on
   * this plugin (which override the engine's own).
   */
  static Plugin plugin(PluginDescriptor thin) {
    Plugin plugin = new Plugin();
    plugin.setGroupId(GROUP_ID);
    plugin.setArtifactId(ARTIFACT_ID);
    plugin.setVersion(thin.getVersion());
    List<Dependency> dependencies = new ArrayList<>();
    if (thin.getPlugin() != null) {
      thin.getPlugin().getDependencies().forEach(d -> dependencies.add(d.clone()));
    }
    plugin.setDependencies(dependencies);
    return plugin;
  }

  /** {@code thin}'s configuration of the parameters {@code goal} has, and {@code extra}. */
  static Xpp3Dom configuration(MojoDescriptor goal, Xpp3Dom thin, Map<String, String> extra) {
    Xpp3Dom out = new Xpp3Dom("configuration");
    List<Parameter> parameters = goal.getParameters() == null ? List.of() : goal.getParameters();
    for (Parameter parameter : parameters) {
      Xpp3Dom child = thin == null ? null : thin.getChild(parameter.getName());
      if (child != null && !extra.containsKey(parameter.getName())) {
        out.addChild(new Xpp3Dom(child));
      }
    }
    extra.forEach(
        (name, value) -> {
          Xpp3Dom element = new Xpp3Dom(name);
          element.setValue(value);
          out.addChild(element);
        });
    return out;
  }
}
