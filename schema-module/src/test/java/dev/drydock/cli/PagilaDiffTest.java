package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.fixtures.Pagila;
import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.Introspector;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import dev.drydock.provider.ThrowawayDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-world schema: Pagila's pg_dump (minus pgvector, which no available binaries have),
 * applied as a Flyway migration on both sides of a PostgreSQL 18 server (the dump uses uuidv7()).
 */
class PagilaDiffTest {

  @TempDir static Path migrations;
  private static ThrowawayDatabase pg18;
  private static Server server;
  private static String live;

  /** The few helpers these tests need on the PostgreSQL 18 server. */
  record Server(ThrowawayDatabase db) {
    String serverUrl() {
      return db.jdbcUrl();
    }

    String url(String database) {
      return db.jdbcUrl(database);
    }

    Connection connect(String database) throws java.sql.SQLException {
      return db.connect(database);
    }

    String createDatabase(String name, String template) {
      execute(
          db.databaseName(),
          "CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
      return name;
    }

    void dropDatabase(String name) {
      execute(db.databaseName(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    void execute(String database, String sql) {
      try (Connection c = db.connect(database);
          java.sql.Statement st = c.createStatement()) {
        st.execute(sql);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }

  @BeforeAll
  static void liveDatabaseBuiltFromThePagilaMigration() throws Exception {
    Files.writeString(migrations.resolve("V1__pagila.sql"), Pagila.withoutPgvector());
    pg18 = ThrowawayDatabase.start(Pagila.postgres18());
    server = new Server(pg18);
    live = server.createDatabase("pagila_live", null);
    Cli.Result migrated =
        Cli.run(
            Map.of("PGUSER", "postgres"),
            "migrate",
            "--url",
            server.url(live),
            "--migrations",
            migrations.toString());
    assertThat(migrated.exitCode()).as(migrated.all()).isZero();
  }

  @AfterAll
  static void stopServer() {
    if (pg18 != null) {
      pg18.close();
    }
  }

  private static Cli.Result diff(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "diff",
                "--url",
                server.url(live),
                "--user",
                "postgres",
                "--migrations",
                migrations.toString()));
    args.addAll(List.of(extra));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }

  private static List<String> external() {
    return List.of(
        "--provider",
        "external",
        "--provider-url",
        server.serverUrl(),
        "--provider-user",
        "postgres");
  }

  @Test
  void pagilaBuiltFromTheSameMigrationHasNoDrift() {
    Cli.Result result = diff(external().toArray(String[]::new));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.NO_DRIFT);
    assertThat(result.out()).startsWith("No drift: ");
  }

  @Test
  void pagilaDiffWithAnEmbeddedThrowawayServerHasNoDriftAndIsTimed() {
    long started = System.nanoTime();
    Cli.Result result =
        diff(
            "--provider",
            "embedded",
            "--postgres-binaries",
            System.getProperty("drydock.test.postgres18"));
    long ms = (System.nanoTime() - started) / 1_000_000;

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.NO_DRIFT);
    System.out.println("[timing] drydock diff of Pagila with --provider embedded: " + ms + " ms");
  }

  @Test
  void pagilaCatalogHasTheObjectsThatMakeItHard() throws Exception {
    Catalog catalog;
    try (Connection c = server.connect(live)) {
      long started = System.nanoTime();
      catalog = new Introspector().load(c, Set.of());
      System.out.println(
          "[timing] introspecting Pagila ("
              + catalog.size()
              + " objects): "
              + (System.nanoTime() - started) / 1_000_000
              + " ms");
    }

    assertThat(catalog.get(ObjectId.of(ObjectKind.DOMAIN, "public", "bıgınt"))).isNotNull();
    assertThat(
            catalog
                .get(ObjectId.of(ObjectKind.ENUM, "public", "mpaa_rating"))
                .attribute(Attribute.VALUES))
        .isEqualTo("'G', 'PG', 'PG-13', 'R', 'NC-17'");
    assertThat(
            catalog.get(ObjectId.of(ObjectKind.MATERIALIZED_VIEW, "public", "rental_by_category")))
        .isNotNull();
    assertThat(
            catalog
                .get(ObjectId.of(ObjectKind.TABLE, "public", "payment_p2022_01"))
                .attribute(Attribute.PARTITION_OF))
        .isEqualTo("public.payment");
    assertThat(catalog.get(ObjectId.of(ObjectKind.TRIGGER, "public", "actor", "last_updated")))
        .isNotNull();
    assertThat(catalog.objects().keySet())
        .noneMatch(id -> id.name().contains("flyway_schema_history"));
  }

  @Test
  void driftInPagilaIsFoundAndTheGeneratedSqlRepairsIt() {
    String copy = server.createDatabase("pagila_drift", live);
    try {
      server.execute(
          copy,
          "ALTER TABLE public.film ALTER COLUMN rental_rate SET DEFAULT 5;"
              + " ALTER TABLE public.actor DISABLE TRIGGER last_updated;"
              + " DROP INDEX public.idx_actor_last_name");
      List<String> base =
          List.of(
              "diff",
              "--url",
              server.url(copy),
              "--user",
              "postgres",
              "--migrations",
              migrations.toString());
      java.util.ArrayList<String> args = new java.util.ArrayList<>(base);
      args.addAll(external());
      args.addAll(List.of("--format", "sql"));

      Cli.Result sql = Cli.run(Map.of(), args.toArray(String[]::new));
      assertThat(sql.exitCode()).as(sql.all()).isEqualTo(ExitCodes.DRIFT);
      assertThat(sql.out())
          .contains("ALTER TABLE public.film ALTER COLUMN rental_rate SET DEFAULT 4.99;")
          .contains("ALTER TABLE public.actor ENABLE TRIGGER last_updated;")
          .contains("CREATE INDEX idx_actor_last_name ON public.actor USING btree (last_name);");
      server.execute(copy, sql.out());

      args.removeAll(List.of("--format", "sql"));
      Cli.Result after = Cli.run(Map.of(), args.toArray(String[]::new));
      assertThat(after.exitCode()).as(after.all()).isEqualTo(ExitCodes.NO_DRIFT);
    } finally {
      server.dropDatabase(copy);
    }
  }
}
