package dev.drydock.maven.plugin;

import static dev.drydock.testing.RealMavenBuild.APPLYING_SLOW;
import static dev.drydock.testing.RealMavenBuild.SLOW;

import dev.drydock.codegen.ToolVersions;
import dev.drydock.files.FileContents;
import dev.drydock.testing.ChildProcess;
import dev.drydock.testing.RealMavenBuild;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real {@code mvn generate-sources} running the thin plugin's {@code drydock:generate}, which
 * runs the engine through Maven's {@code BuildPluginManager}, interrupted (SIGINT as Ctrl-C,
 * SIGTERM as a cancelled CI job) while Flyway applies a migration: the engine's cleanup works the
 * same one plugin removed (the engine's {@code GoalInterruptTest} proves it for the engine's own
 * goal, with the same project and assertions, {@link RealMavenBuild}).
 *
 * <p>The temporary local repository holds this build's thin plugin, the engine, {@code
 * drydock-marker} and the parent POM; the engine is resolved and loaded from there by the plugin.
 */
class ThinGoalInterruptTest {

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

  @ParameterizedTest(name = "SIG{0} while Flyway applies a migration")
  @ValueSource(strings = {"INT", "TERM"})
  void interruptedThinGoalLeavesNoServerNoDirectoryAndThePreviousSources(
      String signal, @TempDir Path tmp) throws Exception {
    // given
    RealMavenBuild.project(
        project, "drydock-maven-plugin", ToolVersions.drydock(), "V1__slow.sql", SLOW);
    Path generated = project.resolve("target/generated-sources");
    Map<String, String> before = FileContents.of(generated);
    ChildProcess mvn = RealMavenBuild.mvn(project, repository, tmp);
    try (mvn) {
      mvn.awaitOutput(APPLYING_SLOW, Duration.ofSeconds(120));
      Thread.sleep(500);

      // when
      mvn.signal(signal);

      // then
      RealMavenBuild.assertLeftNothing(mvn, signal, tmp, generated, before);
    }
  }
}
