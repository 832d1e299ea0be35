package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The tool versions (in the generation fingerprint and the goal's log) are those on the class path,
 * which a project may override in the plugin's dependencies, not those Drydock is built with.
 */
class ToolVersionsTest {

  private static String jarName(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getFileName()
        .toString();
  }

  @Test
  void givenFlywayOnTheClassPathThenItsVersionIsTheOneOfItsJar() throws Exception {
    assertThat(jarName(org.flywaydb.core.Flyway.class))
        .isEqualTo("flyway-core-" + ToolVersions.flyway() + ".jar");
  }

  @Test
  void givenJooqOnTheClassPathThenItsVersionIsTheOneOfItsJar() throws Exception {
    assertThat(jarName(org.jooq.Constants.class)).isEqualTo("jooq-" + ToolVersions.jooq() + ".jar");
  }

  @Test
  void givenBothThenTheFingerprintLineNamesThem() {
    assertThat(ToolVersions.all())
        .contains(" jooq=" + ToolVersions.jooq() + " ")
        .contains(" flyway=" + ToolVersions.flyway() + " ");
  }
}
