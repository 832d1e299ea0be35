package dev.drydock.maven.plugin;

import static dev.drydock.testing.RealMavenBuild.SLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.drydock.codegen.ToolVersions;
import dev.drydock.testing.ChildProcess;
import dev.drydock.testing.RealMavenBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real offline {@code mvn generate-sources} with work to do, whose local repository holds the
 * thin plugin but not its engine ({@code drydock-schema}): the build fails with one {@code
 * [drydock]} line naming the engine and what to do, and no stack trace.
 */
class EngineResolutionTest {

  @TempDir Path repository;
  @TempDir Path project;

  @Test
  void offlineBuildWithoutTheEngineFailsWithOneLineNamingItAndWhatToDo(@TempDir Path tmp)
      throws Exception {
    // given
    String version = ToolVersions.drydock();
    assumeFalse(
        Files.exists(
            Path.of(System.getProperty("drydock.test.localRepository"))
                .resolve("dev/drydock/drydock-schema/" + version)),
        "the developer's local repository (the temporary one's tail) holds the engine");
    RealMavenBuild.installMarkerAndParent(repository, version);
    RealMavenBuild.install(
        repository,
        "drydock-maven-plugin",
        version,
        RealMavenBuild.codeSource(GenerateMojo.class),
        RealMavenBuild.ROOT.resolve("maven-plugin/pom.xml"));
    RealMavenBuild.project(project, "drydock-maven-plugin", version, "V1__slow.sql", SLOW);

    // when
    int exit;
    String output;
    try (ChildProcess mvn = RealMavenBuild.mvn(project, repository, tmp)) {
      exit = mvn.awaitExit(Duration.ofSeconds(120));
      output = mvn.output();
    }

    // then
    String engine = "dev.drydock:drydock-schema:" + version;
    List<String> drydock = output.lines().filter(l -> l.contains("[drydock]")).toList();
    assertThat(exit).as(output).isEqualTo(1);
    assertThat(drydock)
        .as(output)
        .containsExactly(
            "[ERROR] Failed to execute goal dev.drydock:drydock-maven-plugin:"
                + version
                + ":generate (default) on project interrupted: [drydock] Drydock's engine "
                + engine
                + " is not in the local repository "
                + repository
                + " and Maven is offline (-o): run the build once without -o so Maven downloads"
                + " it -> [Help 1]");
    assertThat(output).doesNotContain("\tat ", "Caused by");
    assertThat(ChildProcess.entries(tmp)).as("nothing started").isEmpty();
  }
}
