package dev.drydock.maven.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A dependency declared on the plugin with a version range, {@code LATEST} or {@code RELEASE} can
 * resolve to another jOOQ or Flyway while every stamped input stays the same: such a build never
 * answers "up to date" from the stamp alone.
 */
class DeclaredVersionsTest {

  @ParameterizedTest(name = "jOOQ {0} on the plugin: stamp usable = {1}")
  @CsvSource({
    "3.19.40, true",
    "3.19.41-SNAPSHOT, true",
    "'[3.19,3.20)', false",
    "'[3.19.40,)', false",
    "'(,3.20]', false",
    "'[3.19.40]', false",
    "LATEST, false",
    "RELEASE, false"
  })
  void givenAVersionDeclaredOnThePluginWhenStampedThenOnlyAFixedOneIsTrusted(
      String version, boolean usable) {
    Dependency jooq = new Dependency();
    jooq.setGroupId("org.jooq");
    jooq.setArtifactId("jooq");
    jooq.setVersion(version);
    Plugin declared = new Plugin();
    declared.setDependencies(List.of(jooq));
    PluginDescriptor plugin = new PluginDescriptor();
    plugin.setPlugin(declared);

    assertThat(GenerateMojo.declaresFixedVersions(plugin)).isEqualTo(usable);
  }
}
