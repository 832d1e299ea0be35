package dev.drydock.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.codegen.ToolVersions;
import dev.drydock.files.FileContents;
import dev.drydock.testing.ChildProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A real {@code mvn generate-sources} running {@code drydock:generate}, interrupted (SIGINT as
 * Ctrl-C, SIGTERM as a cancelled CI job) while Flyway applies a migration and while jOOQ writes
 * sources: Maven exits with 128 + the signal without stack traces, no server is left, no server
 * directory, and the previous sources and nothing else are in {@code target/generated-sources}.
 *
 * <p>The plugin under test is this build's {@code target/classes}, installed as a jar into a
 * temporary local repository whose tail is the developer's local repository (Maven 3.9's {@code
 * maven.repo.local.tail}), so nothing is downloaded and nothing is installed into the real one.
 */
class GoalInterruptTest {

  private static final String SLOW = "create table slow (id int);\nselect pg_sleep(3);\n";

  private static final String MANY_TABLES =
      "do $$\nbegin\n  for i in 1..300 loop\n    execute format('create table t%s (id bigint"
          + " primary key, name text not null, created timestamptz default now(), amount"
          + " numeric(12,2), flag boolean, note varchar(200), ref_id bigint, payload jsonb)',"
          + " i);\n  end loop;\nend $$;\n";

  @TempDir static Path repository;
  @TempDir Path project;

  private static final Path ROOT = Path.of(System.getProperty("drydock.project.root"));

  @BeforeAll
  static void installThisBuildsPluginIntoATemporaryRepository() throws Exception {
    String version = ToolVersions.drydock();
    Path classes =
        Path.of(GenerateMojo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(classes.resolve("META-INF/maven/plugin.xml")).isRegularFile();
    Path plugin =
        Files.createDirectories(repository.resolve("dev/drydock/drydock-schema/" + version));
    jar(classes, plugin.resolve("drydock-schema-" + version + ".jar"));
    Files.copy(
        ROOT.resolve("schema-module/pom.xml"),
        plugin.resolve("drydock-schema-" + version + ".pom"));
    // the engine's one dependency of this build, drydock-marker (target/classes in the reactor)
    Path markerClasses =
        Path.of(
            dev.drydock.marker.OutputMarker.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    Path marker =
        Files.createDirectories(repository.resolve("dev/drydock/drydock-marker/" + version));
    if (Files.isDirectory(markerClasses)) {
      jar(markerClasses, marker.resolve("drydock-marker-" + version + ".jar"));
    } else {
      Files.copy(markerClasses, marker.resolve("drydock-marker-" + version + ".jar"));
    }
    Files.copy(
        ROOT.resolve("marker/pom.xml"), marker.resolve("drydock-marker-" + version + ".pom"));
    Path parent =
        Files.createDirectories(repository.resolve("dev/drydock/drydock-parent/" + version));
    Files.copy(ROOT.resolve("pom.xml"), parent.resolve("drydock-parent-" + version + ".pom"));
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, out);
        out.closeEntry();
      }
    }
  }

  private ChildProcess mvn(Path tmp) {
    return ChildProcess.start(
        List.of(
            ROOT.resolve("mvnw").toString(),
            "-B",
            "-o",
            "generate-sources",
            "-Dmaven.repo.local=" + repository,
            "-Dmaven.repo.local.tail=" + System.getProperty("drydock.test.localRepository")),
        project,
        Map.of("DRYDOCK_TMPDIR", tmp.toString()));
  }

  private void fixture(String migrationName, String sql) throws IOException {
    Files.writeString(
        project.resolve("pom.xml"),
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>it.drydock</groupId>
          <artifactId>interrupted</artifactId>
          <version>1.0</version>
          <build>
            <plugins>
              <plugin>
                <groupId>dev.drydock</groupId>
                <artifactId>drydock-schema</artifactId>
                <version>%s</version>
                <executions>
                  <execution>
                    <goals><goal>generate</goal></goals>
                    <configuration>
                      <migrations><migration>${project.basedir}/migrations</migration></migrations>
                      <packageName>it.db</packageName>
                      <provider>embedded</provider>
                    </configuration>
                  </execution>
                </executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """
            .formatted(ToolVersions.drydock()));
    Path migrations = Files.createDirectories(project.resolve("migrations"));
    Files.writeString(migrations.resolve(migrationName), sql);
    Path earlier = Files.createDirectories(project.resolve("target/generated-sources/jooq/it/db"));
    Files.writeString(earlier.resolve("Earlier.java"), "package it.db;\n");
    Files.writeString(
        project.resolve("target/generated-sources/jooq/.drydock-fingerprint"),
        "earlier run\n1\nit/db/Earlier.java\n");
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
    fixture(codegen ? "V1__many.sql" : "V1__slow.sql", codegen ? MANY_TABLES : SLOW);
    Path generated = project.resolve("target/generated-sources");
    Map<String, String> before = FileContents.of(generated);
    ChildProcess mvn = mvn(tmp);
    try (mvn) {
      if (codegen) {
        mvn.awaitOutput("[drydock] Generating jOOQ sources", Duration.ofSeconds(120));
        Thread.sleep(1500);
      } else {
        mvn.awaitOutput(
            "Migrating schema \"public\" to version \"1 - slow\"", Duration.ofSeconds(120));
        Thread.sleep(500);
      }

      // when
      mvn.signal(signal);

      // then
      assertThat(mvn.awaitExit(Duration.ofSeconds(30)))
          .as(mvn.tail())
          .isEqualTo(signal.equals("INT") ? 130 : 143);
      // what fails because the server went away (Flyway, jOOQ) is no news: no stack traces, no
      // migration blamed; Maven may or may not print the goal's "Interrupted" before it exits
      assertThat(mvn.output())
          .doesNotContain("\tat ", "Caused by", "PSQLException", "SQL State", "Migrations failed");
    }
    assertThat(ChildProcess.awaitNoProcessMentioning(tmp, Duration.ofSeconds(10)))
        .as("processes started under %s", tmp)
        .isEmpty();
    assertThat(ChildProcess.entries(tmp)).as("server directories").isEmpty();
    assertThat(ChildProcess.entries(generated)).containsExactly("jooq");
    assertThat(FileContents.of(generated)).isEqualTo(before);
  }
}
