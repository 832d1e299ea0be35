package dev.drydock.maven.plugin;

import java.io.File;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.classworlds.ClassWorld;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * A goal configured the way Maven configures it, without Maven: the built plugin descriptors (this
 * plugin's and the engine's {@code META-INF/maven/plugin.xml}), the execution configuration
 * finalized from the POM's and the descriptor's defaults as Maven's lifecycle does, expressions
 * evaluated from a project directory and user properties, and Maven's own component configurator
 * (Sisu's {@link BasicComponentConfigurator}) filling the mojo's fields.
 */
final class GoalHarness {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

  final PluginDescriptor thin;
  final PluginDescriptor engine;

  GoalHarness() throws Exception {
    this.thin = descriptor(GenerateMojo.class);
    this.engine = descriptor(dev.drydock.maven.GenerateMojo.class);
  }

  /** The plugin descriptor built beside {@code mojo}'s class (directory or jar). */
  static PluginDescriptor descriptor(Class<?> mojo) throws Exception {
    URL location = mojo.getProtectionDomain().getCodeSource().getLocation();
    Path path = Path.of(location.toURI());
    URL xml =
        Files.isDirectory(path)
            ? path.resolve("META-INF/maven/plugin.xml").toUri().toURL()
            : new URL("jar:" + location + "!/META-INF/maven/plugin.xml");
    try (Reader reader = new InputStreamReader(xml.openStream(), StandardCharsets.UTF_8)) {
      return new PluginDescriptorBuilder().build(reader);
    }
  }

  /**
   * The execution configuration of {@code goal} as Maven's lifecycle finalizes it: each parameter's
   * POM element merged over the descriptor's default (expression and {@code default-value}).
   */
  static Xpp3Dom finalized(MojoDescriptor goal, Xpp3Dom pom) throws Exception {
    Xpp3Dom out = new Xpp3Dom("configuration");
    PlexusConfiguration defaults = goal.getMojoConfiguration();
    for (Parameter parameter : goal.getParameters()) {
      Xpp3Dom fromPom = pom == null ? null : pom.getChild(parameter.getName());
      PlexusConfiguration d = defaults.getChild(parameter.getName(), false);
      Xpp3Dom recessive = d == null ? null : xpp3(d);
      Xpp3Dom merged =
          Xpp3Dom.mergeXpp3Dom(
              fromPom == null ? null : new Xpp3Dom(fromPom), recessive, Boolean.TRUE);
      if (merged != null) {
        out.addChild(merged);
      }
    }
    return out;
  }

  private static Xpp3Dom xpp3(PlexusConfiguration c) throws Exception {
    Xpp3Dom dom = new Xpp3Dom(c.getName());
    dom.setValue(c.getValue(null));
    for (String attribute : c.getAttributeNames()) {
      dom.setAttribute(attribute, c.getAttribute(attribute, null));
    }
    for (PlexusConfiguration child : c.getChildren()) {
      dom.addChild(xpp3(child));
    }
    return dom;
  }

  /** Fills {@code mojo}'s fields from {@code configuration} with Maven's configurator. */
  static void configure(Object mojo, Xpp3Dom configuration, ExpressionEvaluator evaluator)
      throws Exception {
    ClassRealm realm =
        new ClassWorld("test", GoalHarness.class.getClassLoader()).getClassRealm("test");
    // Maven's session objects are not made here: left out, their fields stay null
    Xpp3Dom without = new Xpp3Dom(configuration);
    for (String name : List.of("session", "repositorySession")) {
      for (int i = without.getChildCount() - 1; i >= 0; i--) {
        if (without.getChild(i).getName().equals(name)) {
          without.removeChild(i);
        }
      }
    }
    new BasicComponentConfigurator()
        .configureComponent(mojo, new XmlPlexusConfiguration(without), evaluator, realm);
  }

  /** This plugin's {@code generate}, configured from {@code pom} in {@code basedir}. */
  GenerateMojo thinGenerate(
      Path basedir, Xpp3Dom pom, Map<String, String> properties, Plugin declared) throws Exception {
    MojoDescriptor goal = thin.getMojo("generate");
    PluginDescriptor plugin = goal.getPluginDescriptor();
    plugin.setPlugin(declared);
    MojoExecution execution = new MojoExecution(goal, finalized(goal, pom));
    Evaluator evaluator = new Evaluator(basedir, properties, execution, plugin);
    GenerateMojo mojo = new GenerateMojo();
    configure(mojo, execution.getConfiguration(), evaluator);
    this.lastEvaluator = evaluator;
    return mojo;
  }

  /** The evaluator of the last {@link #thinGenerate}, for its stamp. */
  Evaluator lastEvaluator;

  /**
   * The engine's {@code generate}, configured as {@link Engine} has Maven configure it: from the
   * thin goal's execution configuration, filtered to the engine goal's parameters.
   */
  dev.drydock.maven.GenerateMojo engineGenerate(
      Path basedir, Xpp3Dom pom, Map<String, String> properties) throws Exception {
    MojoDescriptor thinGoal = thin.getMojo("generate");
    MojoDescriptor engineGoal = engine.getMojo("generate");
    Xpp3Dom configuration = Engine.configuration(engineGoal, finalized(thinGoal, pom), Map.of());
    MojoExecution execution = new MojoExecution(engineGoal, configuration);
    dev.drydock.maven.GenerateMojo mojo = new dev.drydock.maven.GenerateMojo();
    configure(mojo, configuration, new Evaluator(basedir, properties, execution, engine));
    return mojo;
  }

  /** Maven's expressions of a project: its objects, directories and user properties. */
  static final class Evaluator implements ExpressionEvaluator {
    private final Path basedir;
    private final Map<String, Object> values = new HashMap<>();

    Evaluator(
        Path basedir,
        Map<String, String> properties,
        MojoExecution execution,
        PluginDescriptor plugin) {
      this.basedir = basedir;
      MavenProject project = new MavenProject();
      project.setFile(basedir.resolve("pom.xml").toFile());
      values.putAll(properties);
      values.put("project", project);
      values.put("mojoExecution", execution);
      values.put("plugin", plugin);
      values.put("project.basedir", basedir.toFile());
      values.put("basedir", basedir.toFile());
      values.put("project.build.directory", basedir.resolve("target").toString());
    }

    @Override
    public Object evaluate(String expression) {
      if (expression == null) {
        return null;
      }
      Matcher whole = EXPRESSION.matcher(expression);
      if (whole.matches()) {
        return values.get(whole.group(1));
      }
      Matcher m = EXPRESSION.matcher(expression);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        Object v = values.get(m.group(1));
        m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v.toString()));
      }
      m.appendTail(out);
      return out.toString();
    }

    @Override
    public File alignToBaseDirectory(File file) {
      return file == null || file.isAbsolute() ? file : basedir.resolve(file.toPath()).toFile();
    }
  }
}
