package dev.drydock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.files.FileContents;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A real {@code mvn generate-sources} of a one-migration project, run with this build's plugins
 * from a temporary local repository whose tail is the developer's (Maven 3.9's {@code
 * maven.repo.local.tail}: nothing is downloaded, nothing is installed into the real one), and what
 * an interrupted run of it must leave: shared by the engine's {@code GoalInterruptTest} and the
 * thin plugin's tests ({@code ThinGoalInterruptTest}, {@code EngineResolutionTest}), which differ
 * in the plugin the project declares and what the repository holds.
 */
public final class RealMavenBuild {

  /** A migration Flyway is still applying three seconds after it logs it. */
  public static final String SLOW = "create table slow (id int);\nselect pg_sleep(3);\n";

  /** What Flyway logs when it starts applying {@link #SLOW} as {@code V1__slow.sql}. */
  public static final String APPLYING_SLOW = "Migrating schema \"public\" to version \"1 - slow\"";

  /** The line the goal says when it is interrupted. */
  public static final String INTERRUPTED =
      "[ERROR] [drydock] Interrupted: the JVM is exiting; the throwaway database and temporary"
          + " files are being removed\n";

  /** The root of this checkout (surefire's {@code drydock.project.root}). */
  public static final Path ROOT = Path.of(System.getProperty("drydock.project.root"));

  private RealMavenBuild() {}

  /**
   * Lays out {@code artifactId} of {@code version} in the local repository {@code repository}: a
   * jar of {@code classes} (a class directory, or a jar copied as it is) and {@code pom}.
   */
  public static void install(
      Path repository, String artifactId, String version, Path classes, Path pom)
      throws IOException {
    Path dir =
        Files.createDirectories(repository.resolve("dev/drydock/" + artifactId + "/" + version));
    Path jar = dir.resolve(artifactId + "-" + version + ".jar");
    if (Files.isDirectory(classes)) {
      jar(classes, jar);
    } else {
      Files.copy(classes, jar);
    }
    Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"));
  }

  /**
   * Lays out the engine ({@code drydock-schema}, from {@code engineClasses}), its one dependency of
   * this build ({@code drydock-marker}) and the parent POM, all of {@code version}.
   */
  public static void installEngine(Path repository, String version, Path engineClasses)
      throws IOException, URISyntaxException {
    // target/classes when the reactor stops at test, the packaged jar in a whole verify
    if (Files.isDirectory(engineClasses)) {
      assertThat(engineClasses.resolve("META-INF/maven/plugin.xml")).isRegularFile();
    } else {
      try (JarFile jar = new JarFile(engineClasses.toFile())) {
        assertThat(jar.getEntry("META-INF/maven/plugin.xml"))
            .as("the engine's plugin descriptor in %s", engineClasses)
            .isNotNull();
      }
    }
    install(
        repository,
        "drydock-schema",
        version,
        engineClasses,
        ROOT.resolve("schema-module/pom.xml"));
    installMarkerAndParent(repository, version);
  }

  /**
   * Lays out the engine ({@link #installEngine}) and the thin plugin {@code drydock-maven-plugin}
   * from {@code thinClasses} (its module's class directory, with its plugin descriptor).
   */
  public static void installThinPluginAndEngine(
      Path repository, String version, Path engineClasses, Path thinClasses)
      throws IOException, URISyntaxException {
    installEngine(repository, version, engineClasses);
    assertThat(thinClasses.resolve("META-INF/maven/plugin.xml")).isRegularFile();
    install(
        repository,
        "drydock-maven-plugin",
        version,
        thinClasses,
        ROOT.resolve("maven-plugin/pom.xml"));
  }

  /** Lays out {@code drydock-marker} (target/classes in the reactor) and the parent POM. */
  public static void installMarkerAndParent(Path repository, String version)
      throws IOException, URISyntaxException {
    install(
        repository,
        "drydock-marker",
        version,
        codeSource(dev.drydock.marker.OutputMarker.class),
        ROOT.resolve("marker/pom.xml"));
    Path parent =
        Files.createDirectories(repository.resolve("dev/drydock/drydock-parent/" + version));
    Files.copy(ROOT.resolve("pom.xml"), parent.resolve("drydock-parent-" + version + ".pom"));
  }

  /** The class directory or jar {@code type} was loaded from. */
  public static Path codeSource(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
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

  /**
   * Writes a project in {@code project} whose {@code generate} runs {@code plugin} ({@code
   * drydock-schema} or {@code drydock-maven-plugin}) of {@code version} on one migration, with the
   * sources of an earlier run already in {@code target/generated-sources/jooq}.
   */
  public static void project(
      Path project, String plugin, String version, String migrationName, String sql)
      throws IOException {
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
                <artifactId>%s</artifactId>
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
            .formatted(plugin, version));
    Path migrations = Files.createDirectories(project.resolve("migrations"));
    Files.writeString(migrations.resolve(migrationName), sql);
    Path earlier = Files.createDirectories(project.resolve("target/generated-sources/jooq/it/db"));
    Files.writeString(earlier.resolve("Earlier.java"), "package it.db;\n");
    Files.writeString(
        project.resolve("target/generated-sources/jooq/.drydock-fingerprint"),
        "earlier run\n1\nit/db/Earlier.java\n");
  }

  /**
   * Starts {@code ./mvnw -B -o generate-sources} in {@code project} with {@code repository} as the
   * local repository (the developer's as its tail), {@code DRYDOCK_TMPDIR} set to {@code tmp} (so
   * every server it starts mentions {@code tmp}) and {@code arguments} added.
   */
  public static ChildProcess mvn(Path project, Path repository, Path tmp, String... arguments) {
    List<String> command =
        new ArrayList<>(
            List.of(
                ROOT.resolve("mvnw").toString(),
                "-B",
                "-o",
                "generate-sources",
                "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + System.getProperty("drydock.test.localRepository")));
    command.addAll(List.of(arguments));
    return ChildProcess.start(command, project, Map.of("DRYDOCK_TMPDIR", tmp.toString()));
  }

  /**
   * Asserts what {@code mvn}, sent {@code signal}, must leave: exit 128 + the signal within 30 s,
   * the one {@link #INTERRUPTED} line, no stack trace nor anything blaming a migration, no process
   * mentioning {@code tmp} (servers) within 10 s, nothing in {@code tmp} (server directories), and
   * in {@code generated} exactly the {@code before} contents (no staging directory).
   */
  public static void assertLeftNothing(
      ChildProcess mvn, String signal, Path tmp, Path generated, Map<String, String> before)
      throws Exception {
    assertThat(mvn.awaitExit(Duration.ofSeconds(30)))
        .as(mvn.tail())
        .isEqualTo(signal.equals("INT") ? 130 : 143);
    // said once, in one line; what fails because the server went away (Flyway, jOOQ) is no news:
    // no stack traces, no migration blamed
    assertThat(mvn.output())
        .as("the interruption said once")
        .containsOnlyOnce(INTERRUPTED)
        .doesNotContain("\tat ", "Caused by", "PSQLException", "SQL State", "Migrations failed");
    assertThat(ChildProcess.awaitNoProcessMentioning(tmp, Duration.ofSeconds(10)))
        .as("processes started under %s, 10 s after mvn exited", tmp)
        .isEmpty();
    assertThat(ChildProcess.entries(tmp)).as("server directories under %s", tmp).isEmpty();
    assertThat(ChildProcess.entries(generated)).as("staging directories").containsExactly("jooq");
    assertThat(FileContents.of(generated)).isEqualTo(before);
  }
}
