package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.diff.SchemaComparator;
import dev.drydock.introspect.Introspector;
import dev.drydock.testing.Fixtures;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock draft} end to end on real PostgreSQL: desired-state files in any order, the proven
 * migration written once, lock-aware output, hints for renames and drops, {@code --check}.
 */
@ExtendWith(SharedPostgres.class)
class DraftCommandTest {

  private final List<String> databases = new ArrayList<>();
  private TestServer server;
  @TempDir Path temp;
  private Path migrations;
  private Path schema;

  @BeforeEach
  void project(TestServer shared) throws IOException {
    server = shared;
    migrations = Files.createDirectories(temp.resolve("migrations"));
    schema = Files.createDirectories(temp.resolve("schema"));
  }

  @AfterEach
  void dropDatabases() {
    databases.forEach(server::dropDatabase);
  }

  private Cli.Result draft(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "draft",
                "--migrations",
                migrations.toString(),
                "--schema",
                schema.toString(),
                "--provider",
                "external",
                "--provider-url",
                server.serverUrl(),
                "--provider-user",
                "postgres"));
    args.addAll(List.of(extra));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }

  private void write(Path dir, String name, String sql) throws IOException {
    Files.writeString(dir.resolve(name), sql);
  }

  private List<String> migrationFiles() throws IOException {
    try (Stream<Path> files = Files.list(migrations)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private String migrate() {
    String db = server.createDatabase("draft_live", null);
    databases.add(db);
    Cli.Result r =
        Cli.run(
            Map.of(),
            "migrate",
            "--url",
            server.url(db),
            "--user",
            "postgres",
            "--migrations",
            migrations.toString(),
            "--flyway",
            "postgresql.transactional.lock=false");
    assertThat(r.exitCode()).as(r.all()).isZero();
    return db;
  }

  @Test
  void filesInReverseDependencyOrderAreDraftedProvenWrittenOnceAndLockAware() throws IOException {
    // given: migrations with a users table, and a desired state adding orders, a view, a function,
    // an index and a foreign key, in files named so that every dependant comes first
    write(
        migrations,
        "V1__users.sql",
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
    write(
        schema,
        "a_views.sql",
        "CREATE VIEW big_orders AS SELECT id, total_cents FROM orders WHERE is_big(total_cents);\n");
    write(
        schema,
        "b_functions.sql",
        "CREATE FUNCTION is_big(cents bigint) RETURNS boolean\n"
            + "  LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT cents > 100000; END;\n");
    write(
        schema,
        "c_orders.sql",
        "CREATE TABLE orders (\n"
            + "  id bigint PRIMARY KEY,\n"
            + "  user_id bigint NOT NULL REFERENCES users (id),\n"
            + "  total_cents bigint NOT NULL\n"
            + ");\n"
            + "CREATE INDEX orders_user_idx ON orders (user_id);\n");
    write(
        schema,
        "d_users.sql",
        "CREATE TABLE users (\n"
            + "  id bigint PRIMARY KEY,\n"
            + "  email text NOT NULL,\n"
            + "  manager_id bigint,\n"
            + "  CONSTRAINT users_manager_fkey FOREIGN KEY (manager_id) REFERENCES users (id),\n"
            + "  CONSTRAINT users_email_check CHECK (email LIKE '%@%')\n"
            + ");\n"
            + "CREATE UNIQUE INDEX users_email_idx ON users (lower(email));\n");

    // when
    Cli.Result first = draft("--name", "add_orders");

    // then: a transactional migration and a concurrent one with its .conf, proven
    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(migrationFiles())
        .containsExactly(
            "V1__users.sql",
            "V2__add_orders.sql",
            "V3__add_orders_concurrently.sql",
            "V3__add_orders_concurrently.sql.conf");
    String main = Files.readString(migrations.resolve("V2__add_orders.sql"));
    String outside = Files.readString(migrations.resolve("V3__add_orders_concurrently.sql"));
    assertThat(main)
        .contains("CREATE TABLE public.orders")
        .contains("CREATE INDEX orders_user_idx ON public.orders USING btree (user_id);")
        .contains(
            "ALTER TABLE public.users ADD CONSTRAINT users_manager_fkey FOREIGN KEY (manager_id)"
                + " REFERENCES public.users(id) NOT VALID;")
        .doesNotContain("CONCURRENTLY");
    assertThat(outside)
        .contains(
            "CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON public.users USING btree"
                + " (lower(email));")
        .contains("ALTER TABLE public.users VALIDATE CONSTRAINT users_manager_fkey;")
        .contains("ALTER TABLE public.users VALIDATE CONSTRAINT users_email_check;");
    assertThat(Files.readString(migrations.resolve("V3__add_orders_concurrently.sql.conf")))
        .isEqualTo("executeInTransaction=false\n");
    assertThat(first.out()).contains("Wrote ").contains("(proven)");

    // when: drafted again, and checked
    Cli.Result second = draft("--name", "again");
    Cli.Result check = draft("--check");

    // then: nothing more to draft, in step
    assertThat(second.exitCode()).as(second.all()).isZero();
    assertThat(second.out()).startsWith("In step:");
    assertThat(migrationFiles()).hasSize(4);
    assertThat(check.exitCode()).as(check.all()).isZero();
  }

  @Test
  void renameWithoutHintStopsNamingTheHintAndWithItKeepsTheData() throws Exception {
    // given: a column renamed in the desired state of a table that has rows
    write(
        migrations,
        "V1__orders.sql",
        "CREATE TABLE orders (id bigint PRIMARY KEY, total integer NOT NULL);\n");
    write(
        migrations, "R__rows.sql", "INSERT INTO orders VALUES (1, 250) ON CONFLICT DO NOTHING;\n");
    write(
        schema,
        "orders.sql",
        "CREATE TABLE orders (id bigint PRIMARY KEY, amount integer NOT NULL);\n");

    // when: drafted without a hint
    Cli.Result stopped = draft("--name", "rename_total");

    // then: nothing written, the line names both hints to choose from
    assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(ExitCodes.NOT_WRITTEN);
    assertThat(stopped.out())
        .contains(
            "column public.orders.total would be dropped and column public.orders.amount created:"
                + " if it is a rename (data kept), add \"column public.orders.total ->"
                + " public.orders.amount\" to renames in "
                + schema.resolve("drydock-hints.toml")
                + "; if not, add \"column public.orders.total\" to drops");
    assertThat(migrationFiles()).containsExactly("R__rows.sql", "V1__orders.sql");

    // when: the rename is declared and the draft applied to a database with the row
    write(
        schema,
        "drydock-hints.toml",
        "renames = [\"column public.orders.total -> public.orders.amount\"]\n");
    Cli.Result drafted = draft("--name", "rename_total");

    // then: a rename, and the row's value is in the renamed column
    assertThat(drafted.exitCode()).as(drafted.all()).isZero();
    assertThat(Files.readString(migrations.resolve("V2__rename_total.sql")))
        .contains("ALTER TABLE public.orders RENAME COLUMN total TO amount;")
        .doesNotContain("DROP COLUMN");
    String live = migrate();
    try (Connection c = server.connect(live);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT amount FROM orders WHERE id = 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(250);
    }
    // and the hint, now stale, is ignored: in step
    assertThat(draft("--check").exitCode()).isZero();
  }

  @Test
  void checkExitsOneListingDifferencesAndDropsNeedAHintOrAllowDestructive() throws IOException {
    // given: the desired state drops a table and a column the migrations have
    write(
        migrations,
        "V1__base.sql",
        "CREATE TABLE keep (id int PRIMARY KEY, note text);\nCREATE TABLE legacy (id int);\n");
    write(schema, "keep.sql", "CREATE TABLE keep (id int PRIMARY KEY);\n");

    // when
    Cli.Result check = draft("--check");
    Cli.Result stopped = draft();

    // then
    assertThat(check.exitCode()).as(check.all()).isEqualTo(ExitCodes.DRIFT);
    assertThat(check.out())
        .contains("ADDED column public.keep.note: expected (none), actual text")
        .contains("ADDED table public.legacy");
    assertThat(stopped.exitCode()).isEqualTo(ExitCodes.NOT_WRITTEN);
    assertThat(stopped.out())
        .contains(
            "column public.keep.note would be dropped with its data: add \"column"
                + " public.keep.note\" to drops in ")
        .contains("table public.legacy would be dropped with its data");
    assertThat(migrationFiles()).containsExactly("V1__base.sql");

    // when: one drop allowed by a hint, the other for the run
    write(schema, "drydock-hints.toml", "drops = [\"table public.legacy\"]\n");
    Cli.Result stillStopped = draft();
    Cli.Result allowed = draft("--allow-destructive", "--name", "drop_old");

    // then
    assertThat(stillStopped.out()).contains("column public.keep.note").doesNotContain("legacy");
    assertThat(allowed.exitCode()).as(allowed.all()).isZero();
    assertThat(Files.readString(migrations.resolve("V2__drop_old.sql")))
        .contains(
            "-- DESTRUCTIVE: removes table public.legacy, which the desired schema does not have\n"
                + "DROP TABLE IF EXISTS public.legacy;");
    assertThat(draft("--check").exitCode()).isZero();
  }

  @Test
  void withNoMigrationsYetTheDraftIsTheFirstMigration() throws IOException {
    // given: an empty migrations directory and a desired state
    write(schema, "t.sql", "CREATE TABLE t (id int PRIMARY KEY);\n");

    // when
    Cli.Result r = draft("--name", "init");

    // then
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(migrationFiles()).containsExactly("V1__init.sql");
    assertThat(Files.readString(migrations.resolve("V1__init.sql")))
        .contains("CREATE TABLE public.t (");
    assertThat(draft("--check").exitCode()).isZero();
  }

  @Test
  void aNarrowedTypeNeedsAllowDestructive() throws IOException {
    // given: a column narrowed from bigint to integer in the desired state
    write(migrations, "V1__t.sql", "CREATE TABLE t (id int PRIMARY KEY, n bigint);\n");
    write(schema, "t.sql", "CREATE TABLE t (id int PRIMARY KEY, n integer);\n");

    // when
    Cli.Result stopped = draft();
    Cli.Result allowed = draft("--allow-destructive", "--name", "narrow");

    // then
    assertThat(stopped.exitCode()).isEqualTo(ExitCodes.NOT_WRITTEN);
    assertThat(stopped.out())
        .contains(
            "ALTER TABLE public.t ALTER COLUMN n TYPE integer USING n::integer;: changes the type"
                + " from bigint to integer; values may not convert; draft with --allow-destructive"
                + " to write it");
    assertThat(allowed.exitCode()).as(allowed.all()).isZero();
    assertThat(migrationFiles()).containsExactly("V1__t.sql", "V2__narrow.sql");
  }

  @Test
  void stepsThatCheckExistingRowsAreWarnedByNameButTheProvenDraftIsWritten() throws IOException {
    // given: an existing table whose desired state makes a column NOT NULL, adds a unique key, a
    // validated check and foreign key, a NOT NULL column with no default, a nullable one, narrows
    // a type and widens another; and
    // a new table with the same kinds of steps (no rows to fail on: no warning)
    write(
        migrations,
        "V1__accounts.sql",
        "CREATE TABLE accounts (id int PRIMARY KEY, email text, code text, amount bigint,"
            + " visits integer);\n");
    write(
        schema,
        "accounts.sql",
        "CREATE TABLE accounts (\n"
            + "  id int PRIMARY KEY,\n"
            + "  email text NOT NULL,\n"
            + "  code text CONSTRAINT accounts_code_key UNIQUE,\n"
            + "  amount integer CONSTRAINT accounts_amount_check CHECK (amount > 0),\n"
            + "  visits bigint,\n"
            + "  region text NOT NULL,\n"
            + "  note text,\n"
            + "  parent_id int CONSTRAINT accounts_parent_fkey REFERENCES accounts (id)\n"
            + ");\n"
            + "CREATE TABLE fresh (id int PRIMARY KEY, code text NOT NULL UNIQUE"
            + " CHECK (code <> ''));\n");

    // when
    Cli.Result r = draft("--name", "tighten", "--allow-destructive");

    // then: one warning per risky step on the existing table, none for the widening or the new
    // table, and the draft is written all the same
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(migrationFiles())
        .containsExactly(
            "V1__accounts.sql",
            "V2__tighten.sql",
            "V3__tighten_concurrently.sql",
            "V3__tighten_concurrently.sql.conf");
    assertThat(r.out().lines().filter(l -> l.startsWith("Warning: ")).toList())
        .containsExactlyInAnyOrder(
            "Warning: column public.accounts.email: SET NOT NULL fails if existing rows hold NULL"
                + " there; update them first (the proof runs on no rows)",
            "Warning: column public.accounts.amount: the narrowing type change from bigint to"
                + " integer fails if an existing value does not convert (the proof runs on no"
                + " rows)",
            "Warning: column public.accounts.region: added NOT NULL with no default: fails if the"
                + " table has rows (the proof runs on no rows)",
            "Warning: constraint public.accounts.accounts_code_key: new unique key: fails if"
                + " existing rows hold duplicates there (the proof runs on no rows)",
            "Warning: constraint public.accounts.accounts_amount_check: new check, validated:"
                + " fails if an existing row breaks it (the proof runs on no rows)",
            "Warning: constraint public.accounts.accounts_parent_fkey: new foreign key,"
                + " validated: fails if an existing row references nothing (the proof runs on no"
                + " rows)");
  }

  @Test
  void aStatementThatLoadsInNoOrderIsOneLineWithFileAndLine() throws IOException {
    // given: a view on a table no file creates, after a statement that loads
    write(migrations, "V1__base.sql", "CREATE TABLE a (id int);\n");
    write(schema, "a.sql", "CREATE TABLE a (id int);\n");
    write(schema, "views.sql", "-- the view\n\nCREATE VIEW v AS\n  SELECT * FROM missing;\n");

    // when
    Cli.Result r = draft();

    // then
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(r.err().strip())
        .isEqualTo(
            "drydock: "
                + schema.resolve("views.sql")
                + ":3: ERROR: relation \"missing\" does not exist (SQLState 42P01)");
  }

  @Test
  void everyObjectKindAddedChangedAndDroppedIsDraftedProvenAndAppliedWithoutDrift()
      throws IOException {
    // given: the drift suite's base schema (every kind diff compares) as the migrations, and a
    // desired state that adds, changes and drops objects of every kind, files in reverse order
    Files.copy(
        Fixtures.resource("drift/base").resolve("V1__base.sql"),
        migrations.resolve("V1__base.sql"));
    try (Stream<Path> files = Files.list(Fixtures.resource("draft/every-kind"))) {
      for (Path f : files.toList()) {
        Files.copy(f, schema.resolve(f.getFileName()));
      }
    }
    write(
        schema,
        "drydock-hints.toml",
        "drops = [\n"
            + "  \"column public.users.age\",\n"
            + "  \"table public.measurements\",\n"
            + "  \"table public.measurements_2025\",\n"
            + "  \"table public.measurements_2026\",\n"
            + "]\n");

    // when
    Cli.Result drafted = draft("--name", "every_kind");

    // then: proven and written; applied to a database it leaves no drift from the migrations,
    // and the migrations are in step with the desired state
    assertThat(drafted.exitCode()).as(drafted.all()).isZero();
    String live = migrate();
    Cli.Result diff =
        Cli.run(
            Map.of(),
            "diff",
            "--url",
            server.url(live),
            "--user",
            "postgres",
            "--migrations",
            migrations.toString(),
            "--provider",
            "external",
            "--provider-url",
            server.serverUrl(),
            "--provider-user",
            "postgres");
    assertThat(diff.exitCode()).as(diff.all()).isEqualTo(ExitCodes.NO_DRIFT);
    Cli.Result check = draft("--check");
    assertThat(check.exitCode()).as(check.all()).isZero();
  }

  @Test
  void undoOfADraftedMigrationRestoresThePreviousCatalogExactly() throws Exception {
    // given: a drafted migration adding a table with a foreign key, a column and an index
    write(
        migrations,
        "V1__users.sql",
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
    write(
        schema,
        "schema.sql",
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text);\n"
            + "CREATE INDEX users_email_idx ON users (email);\n"
            + "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\n");
    assertThat(draft("--name", "add_orders", "--no-lock-aware").exitCode()).isZero();
    Path v1Only = Files.createDirectories(temp.resolve("v1-only"));
    Files.copy(migrations.resolve("V1__users.sql"), v1Only.resolve("V1__users.sql"));

    // when
    Cli.Result undo = draft("--undo");

    // then: written beside the migrations, destructive steps marked
    assertThat(undo.exitCode()).as(undo.all()).isZero();
    Path script = temp.resolve("undo").resolve("U2__add_orders.sql");
    assertThat(undo.out()).contains("Wrote " + script);
    String sql = Files.readString(script);
    assertThat(sql)
        .contains(
            "-- DESTRUCTIVE: removes table public.orders, which the last migration added\n"
                + "DROP TABLE IF EXISTS public.orders")
        .contains("DROP COLUMN IF EXISTS name");

    // when: run on a database at V2
    String live = migrate();
    try (Connection c = server.connect(live);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }

    // then: its catalog is exactly that of a database at V1
    Path keep = migrations;
    migrations = v1Only;
    String previous = migrate();
    migrations = keep;
    Introspector introspector = new Introspector();
    try (Connection undone = server.connect(live);
        Connection before = server.connect(previous)) {
      assertThat(
              SchemaComparator.compare(
                      introspector.load(before, Set.of()), introspector.load(undone, Set.of()))
                  .differences())
          .isEmpty();
    }
  }

  @Test
  void initWritesTheMigrationsStateOneFilePerKindAndIsInStep() throws IOException {
    // given: the drift suite's base schema (every kind) as the only migration
    Files.copy(
        Fixtures.resource("drift/base").resolve("V1__base.sql"),
        migrations.resolve("V1__base.sql"));

    // when
    Cli.Result init = draft("--init");
    Cli.Result check = draft("--check");

    // then: one file per kind, and the folder they make is in step with the migrations
    assertThat(init.exitCode()).as(init.all()).isZero();
    try (Stream<Path> files = Files.list(schema)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .contains("tables.sql", "views.sql", "functions.sql", "enums.sql", "schemas.sql");
    }
    assertThat(Files.readString(schema.resolve("tables.sql")))
        .contains("CREATE TABLE public.users");
    assertThat(check.exitCode()).as(check.all()).isZero();
    // and a second init writes nothing
    Cli.Result again = draft("--init");
    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(again.err())
        .contains("--init writes only into an empty folder, nothing was written");
  }
}
