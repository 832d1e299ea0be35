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
    } catch (PluginNotFoundException
        | PluginResolutionException
        | PluginDescriptorParsingException
        | InvalidPluginDescriptorException e) {
      throw new MojoExecutionException(
          "[drydock] Cannot load Drydock's engine " + coordinates + ": " + e.getMessage(), e);
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
