package dev.drydock.maven.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.codegen.ToolVersions;
import dev.drydock.testing.ChildProcess;
import dev.drydock.testing.RealMavenBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code -Djooq.codegen.*} option on a real {@code mvn} through the thin plugin: jOOQ's code
 * generator reads it besides its configuration, so the sources change and the build must not say
 * "up to date" (before the stamp covered these properties it did, keeping the sources of the run
 * before).
 */
class JooqSystemPropertyBuildTest {

  @TempDir static Path repository;
  @TempDir Path project;

  @BeforeAll
  static void installThisBuildsPluginsIntoATemporaryRepository() throws Exception {
    RealMavenBuild.installThinPluginAndEngine(
        repository,
        ToolVersions.drydock(),
        RealMavenBuild.codeSource(dev.drydock.maven.GenerateMojo.class),
        RealMavenBuild.codeSource(GenerateMojo.class));
  }

  @Test
  void givenSourcesUpToDateWhenJooqsTargetEncodingIsSetThenTheyAreRegeneratedInIt(@TempDir Path tmp)
      throws Exception {
    // given
    RealMavenBuild.project(
        project,
        "drydock-maven-plugin",
        ToolVersions.drydock(),
        "V1__items.sql",
        "create table items (id int primary key, name text);\n");
    Path items = project.resolve("target/generated-sources/jooq/it/db/tables/Items.java");
    build(tmp);
    assertThat(Files.readString(items)).contains("class Items");
    assertThat(build(tmp)).contains("[drydock] jOOQ sources up to date");

    // when
    String output = build(tmp, "-Djooq.codegen.target.encoding=UTF-16");

    // then
    assertThat(output).doesNotContain("[drydock] jOOQ sources up to date");
    byte[] bytes = Files.readAllBytes(items);
    assertThat(new byte[] {bytes[0], bytes[1]})
        .as("UTF-16's byte order mark")
        .containsExactly((byte) 0xFE, (byte) 0xFF);
    assertThat(build(tmp, "-Djooq.codegen.target.encoding=UTF-16"))
        .contains("[drydock] jOOQ sources up to date");
  }

  private String build(Path tmp, String... arguments) throws Exception {
    try (ChildProcess mvn = RealMavenBuild.mvn(project, repository, tmp, arguments)) {
      int exit = mvn.awaitExit(Duration.ofSeconds(180));
      assertThat(exit).as(mvn.tail()).isZero();
      return mvn.output();
    }
  }
}
