package dev.drydock.maven.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The thin plugin's goals declare what the engine's goals declare (the built descriptors, as {@code
 * mvn help:describe} shows them): the same goals, phases and thread safety; per parameter the same
 * name, requiredness, editability, user property and default. Only the types of what the thin
 * plugin cannot see differ ({@code generator}: a {@link PlexusConfiguration}, not jOOQ's {@code
 * Generator}), the thin plugin reads Maven's session, execution and its own descriptor, and the
 * engine's {@code generate} takes the stamp the thin plugin hands it.
 */
class GoalParametersTest {

  private static final Set<String> THIN_ONLY = Set.of("session", "mojoExecution", "plugin");
  private static final Set<String> ENGINE_ONLY = Set.of("buildStamp");

  @Test
  void givenBothDescriptorsThenEveryGoalDeclaresTheSameParametersDefaultsAndProperties()
      throws Exception {
    GoalHarness harness = new GoalHarness();

    assertThat(goals(harness.thin)).containsExactlyInAnyOrder("generate", "lint", "draft");
    assertThat(goals(harness.thin)).containsExactlyInAnyOrderElementsOf(goals(harness.engine));
    for (String goal : goals(harness.thin)) {
      MojoDescriptor thin = harness.thin.getMojo(goal);
      MojoDescriptor engine = harness.engine.getMojo(goal);
      assertThat(thin.getPhase()).as(goal).isEqualTo(engine.getPhase());
      assertThat(thin.isThreadSafe()).as(goal).isTrue().isEqualTo(engine.isThreadSafe());
      assertThat(declared(thin, THIN_ONLY)).as(goal).isEqualTo(declared(engine, ENGINE_ONLY));
    }
    assertThat(declared(harness.thin.getMojo("generate"), THIN_ONLY))
        .containsEntry(
            "force",
            "boolean required=false editable=true expression=${drydock.force} default=false")
        .containsEntry(
            "packageName",
            "java.lang.String required=true editable=true expression=${drydock.packageName}"
                + " default=null")
        .containsKeys("generator", "migrations", "flywayConfiguration", "project");
  }

  private static List<String> goals(PluginDescriptor plugin) {
    return plugin.getMojos().stream().map(MojoDescriptor::getGoal).toList();
  }

  /** Per parameter: required, editable, its configuration (user property and default). */
  private static Map<String, String> declared(MojoDescriptor goal, Set<String> left)
      throws Exception {
    Map<String, String> out = new TreeMap<>();
    PlexusConfiguration configuration = goal.getMojoConfiguration();
    for (Parameter p : goal.getParameters()) {
      if (left.contains(p.getName())) {
        continue;
      }
      PlexusConfiguration c = configuration.getChild(p.getName(), false);
      String type = p.getName().equals("generator") ? "(jOOQ's Generator)" : p.getType();
      out.put(
          p.getName(),
          type
              + " required="
              + p.isRequired()
              + " editable="
              + p.isEditable()
              + " expression="
              + (c == null ? null : c.getValue(null))
              + " default="
              + (c == null ? null : c.getAttribute("default-value", null)));
    }
    return out;
  }
}
