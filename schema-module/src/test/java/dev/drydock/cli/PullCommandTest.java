package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.Fixtures;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips of {@code drydock pull} on the schema with every object kind {@code diff} compares
 * ({@code drift/base}) and on the sample {@code migrations/}: pulled files applied and diffed
 * again.
 */
@ExtendWith(SharedPostgres.class)
class PullCommandTest {

  private static final Path BASE = Fixtures.resource("drift/base");
  private static final Path ROUTINES = Fixtures.resource("routines");
  private static final Path SAMPLE =
      Path.of(System.getProperty("drydock.project.root", "..")).resolve("migrations");

  private final List<String> databases = new ArrayList<>();
  private TestServer server;
  @TempDir Path temp;

  @BeforeEach
  void server(TestServer shared) {
    server = shared;
  }

  @AfterEach
  void dropDatabases() {
    databases.forEach(server::dropDatabase);
  }

  private String database(String prefix) {
    String name = server.createDatabase(prefix, null);
    databases.add(name);
    return name;
  }

  private List<String> throwaway() {
    return List.of(
        "--provider",
        "external",
        "--provider-url",
        server.serverUrl(),
        "--provider-user",
        "postgres");
  }

  private Cli.Result run(String command, String db, Path migrations, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--url",
                server.url(db),
                "--user",
                "postgres",
                "--migrations",
                migrations.toString()));
    if (!command.equals("migrate") && !command.equals("check")) {
      args.addAll(throwaway());
    }
    args.addAll(List.of(extra));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }

  private String migrated(String prefix, Path migrations) {
    String db = database(prefix);
    Cli.Result migrated = run("migrate", db, migrations);
    assertThat(migrated.exitCode()).as(migrated.all()).isZero();
    return db;
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> list = Files.list(from)) {
      for (Path p : list.filter(p -> p.toString().endsWith(".sql")).toList()) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
    return to;
  }

  /** (1) of the issue: a baseline of a database built from {@code m} reproduces it both ways. */
  private void baselineRoundTrip(Path m) throws IOException {
    String live = migrated("pull_live", m);
    Path b = temp.resolve("baseline");

    Cli.Result pulled = run("pull", live, b);

    assertThat(pulled.exitCode()).as(pulled.all()).isEqualTo(ExitCodes.OK);
    assertThat(files(b)).containsExactly("V1__baseline.sql");
    String sql = Files.readString(b.resolve("V1__baseline.sql"));
    assertThat(sql)
        .startsWith(
            "-- Drydock pull: V1__baseline.sql\n-- Pulled from " + server.url(live) + " at ")
        .contains("\n-- Not pulled: object owners; ")
        .doesNotContain("DESTRUCTIVE");
    Cli.Result liveAgainstB = run("diff", live, b);
    assertThat(liveAgainstB.exitCode()).as(liveAgainstB.all() + sql).isEqualTo(ExitCodes.NO_DRIFT);
    String fresh = migrated("pull_fresh", b);
    Cli.Result freshAgainstM = run("diff", fresh, m);
    assertThat(freshAgainstM.exitCode()).as(freshAgainstM.all()).isEqualTo(ExitCodes.NO_DRIFT);
  }

  @Test
  void givenEveryObjectKind_whenPulledIntoAnEmptyDirectory_thenTheBaselineReproducesTheDatabase()
      throws IOException {
    baselineRoundTrip(BASE);
  }

  @Test
  void givenTheSampleMigrations_whenPulledIntoAnEmptyDirectory_thenTheBaselineReproducesThem()
      throws IOException {
    baselineRoundTrip(SAMPLE);
  }

  @Test
  void givenRoutinesThatNeedOtherRoutinesAndTables_whenPulled_thenTheBaselineReproducesThem()
      throws IOException {
    baselineRoundTrip(ROUTINES);
    String sql = Files.readString(temp.resolve("baseline").resolve("V1__baseline.sql"));
    assertThat(sql).doesNotContain("-- MANUAL:");
    assertThat(sql.indexOf("FUNCTION public.b_inner("))
        .isLessThan(sql.indexOf("FUNCTION public.a_outer("));
    assertThat(sql.indexOf("FUNCTION public.a_outer("))
        .isLessThan(sql.indexOf("CREATE TABLE public.doc "));
    assertThat(sql.indexOf("CREATE TABLE public.item "))
        .isLessThan(sql.indexOf("FUNCTION public.all_items("));
    assertThat(sql.indexOf("FUNCTION public.aa_count("))
        .isLessThan(sql.indexOf("FUNCTION public.ab_total("));
    assertThat(sql.indexOf("CREATE VIEW public.doc_view "))
        .isLessThan(sql.indexOf("FUNCTION public.ac_docs("));
  }

  @Test
  void
      givenRoutinesThatNeedOtherRoutinesAndTables_whenDiffedAsSqlFromAnEmptyDatabase_thenTheScriptApplies()
          throws IOException {
    String empty = database("routines_empty");

    Cli.Result sql = run("diff", empty, ROUTINES, "--format", "sql");

    assertThat(sql.exitCode()).as(sql.all()).isEqualTo(ExitCodes.DRIFT);
    // applied as a migration: Flyway, like psql, splits BEGIN ATOMIC bodies (pgjdbc does not)
    Path script = Files.createDirectories(temp.resolve("script"));
    Files.writeString(script.resolve("V1__diff.sql"), sql.out());
    Cli.Result applied = run("migrate", empty, script);
    assertThat(applied.exitCode()).as(applied.all() + sql.out()).isZero();
    Cli.Result again = run("diff", empty, ROUTINES);
    assertThat(again.exitCode()).as(again.all() + sql.out()).isEqualTo(ExitCodes.NO_DRIFT);
  }

  @Test
  void givenHandMadeChanges_whenPulled_thenExactlyOneMigrationIsAddedAndDiffFindsNoDrift()
      throws IOException {
    Path m = copy(BASE, temp.resolve("m"));
    String live = migrated("pull_changed", m);
    server.execute(
        live,
        "CREATE TABLE public.labels (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " name text NOT NULL);"
            + " ALTER TABLE public.users ADD COLUMN phone text;"
            + " CREATE INDEX users_age_idx ON public.users (age);"
            + " ALTER TYPE public.status ADD VALUE 'deleted';"
            + " CREATE POLICY documents_read ON public.documents FOR SELECT USING (true)");

    Cli.Result pulled = run("pull", live, m, "--name", "hand made");

    assertThat(pulled.exitCode()).as(pulled.all()).isEqualTo(ExitCodes.OK);
    assertThat(files(m)).containsExactly("V1__base.sql", "V2__hand_made.sql");
    assertThat(pulled.out())
        .isEqualTo(
            "Wrote "
                + m.resolve("V2__hand_made.sql")
                + " (changes in "
                + server.url(live)
                + " since the migrations):\n"
                + "  enum types: 1 altered\n"
                + "  tables: 1 created\n"
                + "  columns: 3 created\n"
                + "  constraints: 1 created\n"
                + "  indexes: 1 created\n"
                + "  row-level security policies: 1 created\n");
    Cli.Result diff = run("diff", live, m);
    assertThat(diff.exitCode()).as(diff.all()).isEqualTo(ExitCodes.NO_DRIFT);

    Cli.Result again = run("pull", live, m);
    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OK);
    assertThat(again.out())
        .isEqualTo("Nothing to pull: the migrations match " + server.url(live) + "\n");
    assertThat(files(m)).containsExactly("V1__base.sql", "V2__hand_made.sql");
  }

  @Test
  void givenAnObjectDroppedByHand_whenPulled_thenTheDropIsCommentedOutUnlessAllowed()
      throws IOException {
    Path m = copy(BASE, temp.resolve("m"));
    String live = migrated("pull_dropped", m);
    server.execute(
        live, "DROP INDEX public.name_idx; ALTER TABLE public.users ADD COLUMN phone text");

    Cli.Result dryRun = run("pull", live, m, "--dry-run");

    assertThat(dryRun.exitCode()).as(dryRun.all()).isEqualTo(ExitCodes.OK);
    assertThat(dryRun.out())
        .contains(
            "-- DESTRUCTIVE: removes index public.users.name_idx, which the live database does"
                + " not have\n-- DROP INDEX IF EXISTS public.name_idx;\n")
        .contains("-- 1 DESTRUCTIVE statement is commented out");
    assertThat(files(m)).containsExactly("V1__base.sql");
    Cli.Result allowed = run("pull", live, m, "--allow-destructive");
    assertThat(allowed.exitCode()).as(allowed.all()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(m.resolve("V2__pull.sql")))
        .contains("\nDROP INDEX IF EXISTS public.name_idx;\n");
    Cli.Result diff = run("diff", live, m);
    assertThat(diff.exitCode()).as(diff.all()).isEqualTo(ExitCodes.NO_DRIFT);

    server.execute(live, "DROP INDEX public.users_active_created_idx");
    Cli.Result onlyDestructive = run("pull", live, m);
    assertThat(onlyDestructive.exitCode()).as(onlyDestructive.all()).isEqualTo(ExitCodes.OK);
    assertThat(onlyDestructive.out())
        .isEqualTo(
            "Nothing to pull without --allow-destructive: the migrations differ from "
                + server.url(live)
                + " only by 1 DESTRUCTIVE change(s); no file written\n");
    assertThat(files(m)).containsExactly("V1__base.sql", "V2__pull.sql");
  }

  @Test
  void givenADatabaseWithoutFlyway_whenPulledWithMarkApplied_thenCheckIsInStepAndMigrateSkipsIt()
      throws IOException {
    String live = database("pull_adopted");
    server.execute(live, Files.readString(BASE.resolve("V1__base.sql")));
    Path b = temp.resolve("adopted");

    Cli.Result pulled = run("pull", live, b, "--mark-applied");

    assertThat(pulled.exitCode()).as(pulled.all()).isEqualTo(ExitCodes.OK);
    assertThat(pulled.out())
        .endsWith(
            "Marked V1 applied in the Flyway history of "
                + server.url(live)
                + " (not run there).\n");
    Cli.Result check = run("check", live, b);
    assertThat(check.exitCode()).as(check.all()).isEqualTo(ExitCodes.NO_DRIFT);
    Cli.Result migrate = run("migrate", live, b);
    assertThat(migrate.out()).as(migrate.all()).startsWith("Nothing to migrate: ");

    server.execute(live, "ALTER TABLE public.users ADD COLUMN phone text");
    Cli.Result next = run("pull", live, b, "--mark-applied", "--format", "json");
    assertThat(next.exitCode()).as(next.all()).isEqualTo(ExitCodes.OK);
    assertThat(next.out())
        .contains("\"migration\": {\"version\": \"2\", \"file\": \"V2__pull.sql\", \"written\": ")
        .contains("\"markedApplied\": true}")
        .contains("{\"objectKind\": \"column\", \"created\": 1, \"dropped\": 0, \"altered\": 0}");
    Cli.Result checkAgain = run("check", live, b);
    assertThat(checkAgain.exitCode()).as(checkAgain.all()).isEqualTo(ExitCodes.NO_DRIFT);
    assertThat(checkAgain.out()).contains("in step");
  }

  @Test
  void givenANameWithAPathSeparator_whenPulled_thenExitTwoAndNothingIsWritten() throws IOException {
    Path m = copy(BASE, temp.resolve("m"));
    String live = migrated("pull_badname", m);
    server.execute(live, "ALTER TABLE public.users ADD COLUMN phone text");

    Cli.Result pulled = run("pull", live, m, "--name", "../escape");

    assertThat(pulled.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(pulled.err())
        .isEqualTo(
            "drydock: Migration name must not contain path separators: ../escape (it names the"
                + " file V<version>__<name>.sql inside the migrations directory)\n");
    assertThat(files(m)).containsExactly("V1__base.sql");
    assertThat(files(temp)).containsExactly("m");
  }

  @Test
  void givenABrokenMigration_whenPulled_thenExitThreeNamingFileAndLineAndNothingIsWritten()
      throws IOException {
    // given: a live database, and a second migration whose third line is not SQL
    Path m = copy(BASE, temp.resolve("m"));
    String live = migrated("pull_broken", m);
    server.execute(live, "ALTER TABLE public.users ADD COLUMN phone text");
    Path broken = Files.writeString(m.resolve("V2__broken.sql"), "SELECT 1;\n\nCREATE TABLE (;\n");

    // when
    Cli.Result pulled = run("pull", live, m, "--name", "capture");

    // then: the located message of the CLI's one handler, and no migration written
    assertThat(pulled.exitCode()).as(pulled.all()).isEqualTo(ExitCodes.MIGRATIONS_FAILED);
    assertThat(pulled.err())
        .startsWith("drydock: Migration failed: " + broken + ":3: ERROR: syntax error");
    assertThat(pulled.err().lines()).hasSize(1);
    assertThat(files(m)).containsExactly("V1__base.sql", "V2__broken.sql");
  }

  @Test
  void givenMigrationsPathThatIsAFile_whenPulled_thenExitTwoWithOneLine() throws IOException {
    Path file = Files.writeString(temp.resolve("not-a-dir"), "x");

    Cli.Result pulled = run("pull", database("pull_file"), file);

    assertThat(pulled.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(pulled.err())
        .isEqualTo("drydock: Migrations directory is not a directory: " + file + "\n");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void givenMigrationsPathThatIsAFile_whenDryRun_thenItRefusesLikeTheRealRun() throws IOException {
    // given
    Path file = Files.writeString(temp.resolve("not-a-dir"), "x");

    // when
    Cli.Result pulled = run("pull", database("pull_dry_file"), file, "--dry-run");

    // then: the real run's refusal, no baseline printed
    assertThat(pulled.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(pulled.err())
        .isEqualTo("drydock: Migrations directory is not a directory: " + file + "\n");
    assertThat(pulled.out()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void givenAWrongPassword_whenPulled_thenExitTwoWithOneLineAndNoPassword() {
    String url =
        server.url("postgres").replace("jdbc:postgresql://", "postgres://nobody_here:s3cr3t-pw@");

    Cli.Result pulled =
        Cli.run(Map.of(), "pull", "--url", url, "--migrations", temp.resolve("x").toString());

    assertThat(pulled.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(pulled.err()).startsWith("drydock: Cannot connect to ").doesNotContain("s3cr3t-pw");
    assertThat(pulled.err().lines()).hasSize(1);
    assertThat(pulled.out()).isEmpty();
    assertThat(temp.resolve("x")).doesNotExist();
  }

  @Test
  void givenAPackage_whenPulled_thenTheClassesAreGeneratedFromTheMigrationsWithThePulledFile()
      throws IOException {
    Path m = copy(BASE, temp.resolve("m"));
    String live = migrated("pull_codegen", m);
    server.execute(live, "CREATE TABLE public.labels (id bigint PRIMARY KEY, name text NOT NULL)");
    Path output = temp.resolve("jooq");

    Cli.Result pulled =
        run("pull", live, m, "--package", "com.example.db", "--output", output.toString());

    assertThat(pulled.exitCode()).as(pulled.all()).isEqualTo(ExitCodes.OK);
    assertThat(pulled.out())
        .contains("\nGenerated ")
        .contains(" jOOQ source files from 2 migrations");
    assertThat(output.resolve("com/example/db/tables/Labels.java")).exists();
  }
}
