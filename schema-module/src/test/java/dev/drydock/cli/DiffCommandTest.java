package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedPostgres.class)
class DiffCommandTest {

  private static final Path BASE = Fixtures.resource("drift/base");
  private TestServer server;
  private String live;

  @BeforeEach
  void liveDatabaseBuiltFromTheMigrations(TestServer shared) {
    server = shared;
    live = server.createDatabase("cli_live", null);
    Cli.Result migrated =
        Cli.run(
            Map.of(),
            "migrate",
            "--url",
            server.url(live),
            "--user",
            "postgres",
            "--migrations",
            BASE.toString());
    assertThat(migrated.exitCode()).as(migrated.all()).isZero();
  }

  @AfterEach
  void dropLiveDatabase() {
    server.dropDatabase(live);
  }

  private Cli.Result diff(String... extra) {
    return diffWithEnv(Map.of(), extra);
  }

  private Cli.Result diffWithEnv(Map<String, String> env, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "diff",
                "--provider",
                "external",
                "--provider-url",
                server.serverUrl(),
                "--provider-user",
                "postgres"));
    List<String> rest = new ArrayList<>(List.of(extra));
    if (!rest.contains("--url") && !env.containsKey("DATABASE_URL")) {
      args.addAll(List.of("--url", server.url(live), "--user", "postgres"));
    }
    if (!rest.contains("--migrations")) {
      args.addAll(List.of("--migrations", BASE.toString()));
    }
    args.addAll(rest);
    return Cli.run(env, args.toArray(String[]::new));
  }

  @Test
  void liveDatabaseBuiltFromTheSameMigrationsHasNoDrift() {
    Cli.Result result = diff();

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.NO_DRIFT);
    assertThat(result.out())
        .startsWith(
            "No drift: "
                + server.url(live)
                + " (PostgreSQL 17.6) matches migrations in "
                + BASE
                + " (PostgreSQL 17.6) (schemas: audit, public).\n")
        .contains("Not compared: object owners;");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void driftIsPrintedGroupedOneLinePerDifferenceAndExitsOne() {
    server.execute(
        live,
        "DROP INDEX name_idx; ALTER TABLE posts DROP CONSTRAINT"
            + " posts_author_id_fkey, ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id)"
            + " REFERENCES users (id) ON DELETE SET NULL");

    Cli.Result result = diff();

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.DRIFT);
    assertThat(result.out())
        .startsWith(
            "Drift: 2 differences between migrations in "
                + BASE
                + " (PostgreSQL 17.6) (expected) and "
                + server.url(live)
                + " (PostgreSQL 17.6) (actual) [0 added, 1 removed, 1 changed]\n"
                + "  + only in the live database   - missing from the live database   ~ differs\n"
                + "\n"
                + "Constraints\n"
                + "  ~ public.posts.posts_author_id_fkey  on_delete: expected CASCADE, actual SET"
                + " NULL\n"
                + "\n"
                + "Indexes\n"
                + "  - public.users.name_idx  removed: CREATE INDEX name_idx ON public.users USING"
                + " btree (name)\n");
  }

  @Test
  void jsonFormatHasTheDocumentedStructure() throws Exception {
    server.execute(live, "ALTER TYPE status ADD VALUE 'deleted'");

    Cli.Result result = diff("--format", "json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.DRIFT);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("version").asInt()).isEqualTo(1);
    assertThat(json.get("drift").asBoolean()).isTrue();
    assertThat(json.get("actual").asText()).isEqualTo(server.url(live) + " (PostgreSQL 17.6)");
    assertThat(json.get("schemas").toString()).isEqualTo("[\"audit\",\"public\"]");
    assertThat(json.get("summary").toString())
        .isEqualTo("{\"added\":0,\"removed\":0,\"changed\":1}");
    assertThat(json.get("differences").toString())
        .isEqualTo(
            "[{\"objectKind\":\"enum\",\"object\":\"public.status\",\"path\":[\"public\",\"status\"],"
                + "\"change\":\"changed\",\"attribute\":\"values\","
                + "\"expected\":\"'pending', 'active', 'archived'\","
                + "\"actual\":\"'pending', 'active', 'archived', 'deleted'\"}]");
    assertThat(json.get("notCompared").isArray()).isTrue();
  }

  @Test
  void sqlFormatProducesDdlThatRemovesTheDrift() {
    server.execute(
        live,
        "ALTER TABLE posts DISABLE TRIGGER posts_touch;"
            + " CREATE POLICY extra ON documents FOR SELECT USING (true);"
            + " ALTER TABLE users ADD COLUMN phone text");

    Cli.Result sql = diff("--format", "sql");
    assertThat(sql.exitCode()).as(sql.all()).isEqualTo(ExitCodes.DRIFT);
    assertThat(sql.out())
        .contains(
            "-- DESTRUCTIVE: removes column public.users.phone, which exists only live\n"
                + "ALTER TABLE public.users DROP COLUMN IF EXISTS phone;")
        .contains("ALTER TABLE public.posts ENABLE TRIGGER posts_touch;");
    server.execute(live, sql.out());

    assertThat(diff().exitCode()).isEqualTo(ExitCodes.NO_DRIFT);
  }

  @Test
  void renamedTableIsRenamedBackOrWithNoRenamesDroppedAndCreatedAndEitherScriptApplies() {
    // given: a live database where users was renamed (foreign keys and a view use it, it owns a
    // sequence)
    String copy = server.createDatabase("diff_renamed", live);
    try {
      server.execute(live, "ALTER TABLE users RENAME TO people");
      server.execute(copy, "ALTER TABLE users RENAME TO people");

      // when
      Cli.Result renamed = diff("--format", "sql");
      Cli.Result recreated =
          diff("--url", server.url(copy), "--user", "postgres", "--format", "sql", "--no-renames");

      // then
      assertThat(renamed.out())
          .as(renamed.all())
          .contains("ALTER TABLE public.people RENAME TO users;")
          .doesNotContain("DROP TABLE");
      assertThat(recreated.out())
          .as(recreated.all())
          .contains("DROP TABLE IF EXISTS public.people;")
          .contains("CREATE TABLE public.users (")
          .doesNotContain("RENAME");
      server.execute(live, renamed.out());
      server.execute(copy, recreated.out());
      assertThat(diff().exitCode()).isEqualTo(ExitCodes.NO_DRIFT);
      assertThat(diff("--url", server.url(copy), "--user", "postgres").exitCode())
          .isEqualTo(ExitCodes.NO_DRIFT);
    } finally {
      server.dropDatabase(copy);
    }
  }

  @Test
  void schemaOptionLimitsTheComparison() {
    server.execute(live, "DROP INDEX name_idx");

    assertThat(diff("--schema", "audit").exitCode()).isEqualTo(ExitCodes.NO_DRIFT);
    assertThat(diff("--schema", "audit,public").exitCode()).isEqualTo(ExitCodes.DRIFT);
  }

  @Test
  void unknownSchemaIsAUsageError() {
    Cli.Result result = diff("--schema", "nosuch");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: Unknown schema nosuch: neither the live database nor the migrations have"
                + " it\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void missingMigrationsDirectoryIsAUsageError(@TempDir Path tmp) {
    Path missing = tmp.resolve("nope");

    Cli.Result result = diff("--migrations", missing.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo("drydock: Migrations directory not found: " + missing + "\n");
  }

  @Test
  void failingMigrationExitsThreeNamingFileLineAndPostgresMessage(@TempDir Path tmp)
      throws Exception {
    Files.writeString(tmp.resolve("V1__ok.sql"), "CREATE TABLE a (id int);\n");
    Files.writeString(tmp.resolve("V2__broken.sql"), "CREATE TABLE b (\n  id int,\n  oops\n);\n");

    Cli.Result result = diff("--migrations", tmp.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.MIGRATIONS_FAILED);
    assertThat(result.err())
        .isEqualTo(
            "drydock: Migration failed: "
                + tmp.resolve("V2__broken.sql")
                + ":4:"
                + " ERROR: syntax error at or near \")\" (SQLState 42601)\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void unreachableHostIsAConnectionErrorOnOneLine() {
    Cli.Result result = diff("--url", "jdbc:postgresql://127.0.0.1:1/app");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .startsWith("drydock: Cannot connect to jdbc:postgresql://127.0.0.1:1/app: ")
        .contains("is the server running and reachable?")
        .doesNotContain("\tat ")
        .hasLineCount(1);
  }

  @Test
  void unknownDatabaseIsAConnectionError() {
    Cli.Result result = diff("--url", server.url("no_such_db"), "--user", "postgres");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: Cannot connect to "
                + server.url("no_such_db")
                + ": FATAL: database \"no_such_db\" does not exist\n");
  }

  @Test
  void wrongPasswordIsAConnectionErrorAndThePasswordIsNeverPrinted() {
    server.execute(
        live,
        "DO $$ BEGIN CREATE ROLE drydock_app LOGIN PASSWORD 'right-Pa55';"
            + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    String secret = "wr0ng-S3cret";
    String url =
        server.url(live).replace("jdbc:postgresql://", "postgres://drydock_app:" + secret + "@");

    Cli.Result viaUrl = diff("--url", url);
    Cli.Result viaEnv =
        diffWithEnv(
            Map.of("DB_PASSWORD", secret),
            "--url",
            server.url(live),
            "--user",
            "drydock_app",
            "--password-env",
            "DB_PASSWORD",
            "--verbose");

    for (Cli.Result result : List.of(viaUrl, viaEnv)) {
      assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
      assertThat(result.err())
          .startsWith(
              "drydock: Cannot connect to "
                  + server.url(live)
                  + " as drydock_app:"
                  + " authentication failed (FATAL: password authentication failed for user"
                  + " \"drydock_app\")\n");
      assertThat(result.all()).doesNotContain(secret);
    }
    assertThat(viaEnv.err()).contains("\tat "); // --verbose shows the (redacted) stack trace
  }

  @Test
  void rightPasswordInTheUrlNeverReachesTheOutput() {
    server.execute(
        live,
        "DO $$ BEGIN CREATE ROLE drydock_app LOGIN PASSWORD 'right-Pa55';"
            + " EXCEPTION WHEN duplicate_object THEN NULL; END $$; DROP INDEX name_idx");
    String url =
        server.url(live).replace("jdbc:postgresql://", "postgres://drydock_app:right-Pa55@");

    for (String format : List.of("text", "json", "sql")) {
      Cli.Result result = diff("--url", url, "--format", format, "--verbose", "--progress");

      assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.DRIFT);
      assertThat(result.out()).contains(server.url(live));
      assertThat(result.all()).doesNotContain("right-Pa55");
    }
  }

  @Test
  void connectionComesFromDatabaseUrlInTheEnvironment() {
    String url = server.url(live).replace("jdbc:postgresql://", "postgresql://postgres@");

    Cli.Result result = diffWithEnv(Map.of("DATABASE_URL", url));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.NO_DRIFT);
  }

  @Test
  void noConnectionSettingsIsAUsageError() {
    Cli.Result result =
        Cli.run(Map.of(), "diff", "--migrations", BASE.toString(), "--provider", "embedded");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: No database given: use --url, or set DATABASE_URL (or PGHOST/PGDATABASE)\n");
  }

  @Test
  void progressIsShownWhenAskedAndSilentOtherwise() {
    Cli.Result quiet = diff();
    Cli.Result shown = diff("--progress");

    assertThat(quiet.err()).isEmpty();
    assertThat(shown.err())
        .contains("Applying migrations from " + BASE + ", introspecting both databases … done (");
    assertThat(shown.out()).isEqualTo(quiet.out());
  }
}
