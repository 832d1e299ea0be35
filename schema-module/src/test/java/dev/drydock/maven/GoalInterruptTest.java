package dev.drydock.maven;

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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A real {@code mvn generate-sources} running {@code drydock:generate}, interrupted (SIGINT as
 * Ctrl-C, SIGTERM as a cancelled CI job) while Flyway applies a migration and while jOOQ writes
 * sources: Maven exits with 128 + the signal, the goal says so in one line, no stack traces, no
 * server is left, no server directory, and the previous sources and nothing else are in {@code
 * target/generated-sources}.
 *
 * <p>The plugin under test is this build's {@code target/classes}, installed as a jar into a
 * temporary local repository ({@link RealMavenBuild}); the thin plugin's {@code
 * ThinGoalInterruptTest} runs the same builds through {@code drydock-maven-plugin}.
 */
class GoalInterruptTest {

  private static final String MANY_TABLES =
      "do $$\nbegin\n  for i in 1..300 loop\n    execute format('create table t%s (id bigint"
          + " primary key, name text not null, created timestamptz default now(), amount"
          + " numeric(12,2), flag boolean, note varchar(200), ref_id bigint, payload jsonb)',"
          + " i);\n  end loop;\nend $$;\n";

  @TempDir static Path repository;
  @TempDir Path project;

  @BeforeAll
  static void installThisBuildsPluginIntoATemporaryRepository() throws Exception {
    RealMavenBuild.installEngine(
        repository, ToolVersions.drydock(), RealMavenBuild.codeSource(GenerateMojo.class));
  }

  @Test
  void ctrlCWhileFlywayAppliesAMigration(@TempDir Path tmp) throws Exception {
    interruptedBuildLeavesNoServerNoDirectoryAndThePreviousSources(
        "INT", "Flyway applies a migration", tmp);
  }

  @Tag("reliability")
  @ParameterizedTest(name = "mvn: SIG{0} while {1}")
  @CsvSource({
    "TERM, Flyway applies a migration",
    "INT, jOOQ generates sources",
    "TERM, jOOQ generates sources"
  })
  void interruptedBuildLeavesNoServerNoDirectoryAndThePreviousSources(
      String signal, String phase, @TempDir Path tmp) throws Exception {
    // given
    boolean codegen = phase.startsWith("jOOQ");
    RealMavenBuild.project(
        project,
        "drydock-schema",
        ToolVersions.drydock(),
        codegen ? "V1__many.sql" : "V1__slow.sql",
        codegen ? MANY_TABLES : SLOW);
    Path generated = project.resolve("target/generated-sources");
    Map<String, String> before = FileContents.of(generated);
    ChildProcess mvn = RealMavenBuild.mvn(project, repository, tmp);
    try (mvn) {
      if (codegen) {
        mvn.awaitOutput("[drydock] Generating jOOQ sources", Duration.ofSeconds(120));
        Thread.sleep(1500);
      } else {
        mvn.awaitOutput(APPLYING_SLOW, Duration.ofSeconds(120));
        Thread.sleep(500);
      }

      // when
      mvn.signal(signal);

      // then
      RealMavenBuild.assertLeftNothing(mvn, signal, tmp, generated, before);
    }
  }
}
