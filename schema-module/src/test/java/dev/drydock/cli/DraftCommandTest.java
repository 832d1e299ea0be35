package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
            migrations.toString());
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
}
