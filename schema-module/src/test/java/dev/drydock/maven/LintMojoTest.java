package dev.drydock.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testing.Fixtures;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drydock:lint}: off until configured; when on, fails the build and writes SARIF. */
class LintMojoTest {

  @TempDir Path project;

  private LintMojo mojo(String since) throws Exception {
    Path migrations = project.resolve("db");
    Files.createDirectories(migrations);
    for (String name : List.of("V1__orders.sql", "V2__widen_total.sql")) {
      Files.copy(Fixtures.resource("lint/live/" + name), migrations.resolve(name));
    }
    MavenProject maven = new MavenProject();
    maven.setFile(project.resolve("pom.xml").toFile());
    LintMojo mojo = new LintMojo();
    set(mojo, "migrations", List.of(migrations.toFile()));
    set(mojo, "since", since);
    set(mojo, "failOn", "error");
    set(mojo, "allowFile", project.resolve("drydock-lint-allow.txt").toFile());
    set(mojo, "sarif", project.resolve("target/drydock-lint.sarif").toFile());
    set(mojo, "provider", "embedded");
    set(mojo, "cacheDirectory", dev.drydock.lint.LintTestCache.dir().toFile());
    set(mojo, "snapshots", false);
    set(mojo, "snapshotCacheLimit", "1G");
    set(mojo, "project", maven);
    return mojo;
  }

  private static void set(Object target, String name, Object value) throws Exception {
    // the goal's own parameters, or those it shares with generate (ThrowawayMojo)
    Class<?> type = LintMojo.class;
    Field f;
    try {
      f = type.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      f = type.getSuperclass().getDeclaredField(name);
    }
    f.setAccessible(true);
    f.set(target, value);
  }

  @Test
  void withoutSinceOrChangedSinceTheGoalDoesNothing() throws Exception {
    // given the goal bound but not told which migrations are new
    LintMojo mojo = mojo(null);

    // when it runs, then nothing starts and nothing is written
    mojo.execute();
    assertThat(project.resolve("target/drydock-lint.sarif")).doesNotExist();
  }

  @Test
  void aFindingAtOrAboveFailOnFailsTheBuildAndTheSarifIsWritten() throws Exception {
    // given V2 as new, which rewrites orders
    LintMojo mojo = mojo("1");

    // then the build fails naming the count, and code scanning gets the SARIF
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("[drydock] lint: 2 finding(s) at or above error (");
    JsonNode sarif =
        new ObjectMapper().readTree(project.resolve("target/drydock-lint.sarif").toFile());
    assertThat(sarif.get("runs").get(0).get("results").get(0).get("ruleId").asText())
        .isEqualTo("table-rewrite");
    assertThat(
            sarif
                .get("runs")
                .get(0)
                .get("results")
                .get(0)
                .get("locations")
                .get(0)
                .get("physicalLocation")
                .get("artifactLocation")
                .get("uri")
                .asText())
        .isEqualTo("db" + File.separator + "V2__widen_total.sql");
  }
}
