package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedPostgres.class)
class CheckAndMigrateCommandTest {

  private TestServer server;
  private String live;
  @TempDir Path migrations;

  @BeforeEach
  void emptyLiveDatabaseAndTwoMigrations(TestServer shared) throws Exception {
    server = shared;
    live = server.createDatabase("cli_check", null);
    Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id int);\n");
    Files.writeString(migrations.resolve("V2__posts.sql"), "CREATE TABLE posts (id int);\n");
  }

  @AfterEach
  void dropLiveDatabase() {
    server.dropDatabase(live);
  }

  private Cli.Result run(String command, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(command, "--url", server.url(live), "--migrations", migrations.toString()));
    args.addAll(List.of(more));
    return Cli.run(Map.of("PGUSER", "postgres"), args.toArray(String[]::new));
  }

  @Test
  void migrateAppliesPendingMigrationsAndSummarises() {
    Cli.Result first = run("migrate");
    Cli.Result second = run("migrate");

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(first.out())
        .startsWith("Applied 2 migrations to " + server.url(live) + " in ")
        .contains("schema version <none> -> 2:\n  V1  users (")
        .contains("\n  V2  posts (");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out())
        .isEqualTo("Nothing to migrate: " + server.url(live) + " is up to date at version 2.\n");
  }

  @Test
  void migrateReportsAFailingMigrationWithFileAndLine() throws Exception {
    Files.writeString(migrations.resolve("V3__bad.sql"), "SELECT 1;\nSELECT nope FROM users;\n");

    Cli.Result result = run("migrate");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.MIGRATIONS_FAILED);
    assertThat(result.err())
        .isEqualTo(
            "drydock: Migration failed: "
                + migrations.resolve("V3__bad.sql")
                + ":2: ERROR: column \"nope\" does not exist (SQLState 42703)\n");
  }

  @Test
  void checkIsCleanWhenHistoryMatchesFiles() {
    run("migrate");

    Cli.Result result = run("check");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.NO_DRIFT);
    assertThat(result.out())
        .isEqualTo(
            "Flyway history of "
                + server.url(live)
                + " against "
                + migrations
                + ": 2 applied, in step.\n");
  }

  @Test
  void checkReportsPendingMissingAndChangedMigrations() throws Exception {
    run("migrate");
    Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id bigint);\n");
    Files.move(migrations.resolve("V2__posts.sql"), migrations.resolve("V2__articles.sql"));
    Files.writeString(migrations.resolve("V3__tags.sql"), "CREATE TABLE tags (id int);\n");

    Cli.Result result = run("check");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.DRIFT);
    assertThat(result.out())
        .contains("2 applied, 3 problem(s):\n")
        .containsPattern("  checksum changed: V1__users.sql \\(applied -?\\d+, file -?\\d+\\)\n")
        .contains("  description changed: V2__articles.sql (applied 'posts', file 'articles')\n")
        .contains("  pending: V3__tags.sql\n");
  }

  @Test
  void checkAsJsonListsEachProblemWithItsDetail() throws Exception {
    // given
    run("migrate");
    Files.delete(migrations.resolve("V2__posts.sql"));
    Files.writeString(migrations.resolve("V3__tags.sql"), "CREATE TABLE tags (id int);\n");

    // when
    Cli.Result result = run("check", "--format", "json");

    // then
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.DRIFT);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("version").asInt()).isEqualTo(1);
    assertThat(json.get("inStep").asBoolean()).isFalse();
    assertThat(json.get("database").asText()).isEqualTo(server.url(live));
    assertThat(json.get("migrations").get(0).asText()).isEqualTo(migrations.toString());
    assertThat(json.get("applied").asInt()).isEqualTo(2);
    assertThat(json.get("problems").toString())
        .isEqualTo(
            "[{\"problem\":\"applied but missing\",\"migration\":\"V2__posts.sql\","
                + "\"detail\":\"no such file\"},"
                + "{\"problem\":\"pending\",\"migration\":\"V3__tags.sql\",\"detail\":null}]");
  }

  @Test
  void checkAsJsonOfADatabaseInStepHasNoProblems() throws Exception {
    run("migrate");

    Cli.Result result = run("check", "--format", "json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.NO_DRIFT);
    assertThat(result.out())
        .isEqualTo(
            "{\n  \"version\": 1,\n  \"inStep\": true,\n  \"database\": \""
                + server.url(live)
                + "\",\n  \"migrations\": [\""
                + migrations
                + "\"],\n  \"applied\": 2,\n  \"problems\": []\n}\n");
  }

  @Test
  void checkReportsAppliedMigrationsWhoseFileIsGone() throws Exception {
    run("migrate");
    Files.delete(migrations.resolve("V2__posts.sql"));

    Cli.Result result = run("check");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.DRIFT);
    assertThat(result.out()).contains("  applied but missing: V2__posts.sql (no such file)\n");
  }

  @Test
  void checkOfAnUnmigratedDatabaseListsEverythingAsPending() {
    Cli.Result result = run("check");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.DRIFT);
    assertThat(result.out())
        .endsWith("0 applied, 2 problem(s):\n  pending: V1__users.sql\n  pending: V2__posts.sql\n");
  }

  @Test
  void givenADatabaseWithObjectsButNoHistoryThenMigrateSaysHowToAdoptItAndBaselineVersionDoes() {
    server.execute(live, "CREATE TABLE users (id int)");

    Cli.Result refused = run("migrate");
    Cli.Result adopted = run("migrate", "--baseline-version", "1");

    assertThat(refused.exitCode()).isEqualTo(ExitCodes.MIGRATIONS_FAILED);
    assertThat(refused.err())
        .isEqualTo(
            "drydock: Migration failed: Found non-empty schema(s) \"public\" but no schema history"
                + " table: the database already has objects but no Flyway history; adopt it with"
                + " `drydock migrate --baseline-version N` (goal: flywayConfiguration"
                + " baselineVersion=N, baselineOnMigrate=true), N being the last migration it"
                + " already has\n");
    assertThat(adopted.exitCode()).as(adopted.all()).isZero();
    assertThat(adopted.out())
        .startsWith("Applied 1 migration to ")
        .contains("schema version 1 -> 2:\n  V2  posts (");
  }
}
