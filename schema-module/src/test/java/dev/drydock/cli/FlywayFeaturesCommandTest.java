package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.FlywayFeatureMigrations;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flyway features real projects use, through migrate, check, diff and generate: a repeatable
 * migration, an afterMigrate SQL callback, placeholders, two locations, a non-public schema and a
 * dotted version.
 */
@ExtendWith(SharedPostgres.class)
class FlywayFeaturesCommandTest {

  @TempDir Path root;
  private Path core;
  private Path extra;
  private TestServer server;
  private String live;

  @BeforeEach
  void migrationsUsingEveryFeature(TestServer shared) throws Exception {
    server = shared;
    live = server.createDatabase("cli_flyway", null);
    FlywayFeatureMigrations migrations = FlywayFeatureMigrations.writeUnder(root);
    core = migrations.core();
    extra = migrations.extra();
  }

  @AfterEach
  void dropLiveDatabase() {
    server.dropDatabase(live);
  }

  private Cli.Result run(String command, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--url",
                server.url(live),
                "--user",
                "postgres",
                "--migrations",
                core.toString(),
                "--migrations",
                extra.toString(),
                "--placeholder",
                "prefix=shop_",
                "--flyway-schema",
                "shop"));
    args.addAll(List.of(more));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }

  @Test
  void migrateAppliesVersionedDottedAndRepeatableMigrationsInTheSchemaWithCallback()
      throws Exception {
    // when
    Cli.Result result = run("migrate");

    // then
    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out())
        .startsWith("Applied 3 migrations to " + server.url(live) + " in ")
        .contains("schema version <none> -> 1.1:\n")
        .containsPattern("\n  V1  items \\(\\d+ ms\\)\n  V1\\.1  notes \\(\\d+ ms\\)\n")
        .containsPattern("\n  R  item names \\(\\d+ ms\\)\n$");
    try (Connection c = server.connect(live);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select obj_description('shop.shop_items'::regclass, 'pg_class'),"
                    + " to_regclass('shop.notes') is not null,"
                    + " to_regclass('shop.item_names') is not null,"
                    + " (select count(*) from shop.flyway_schema_history where success)")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("set by the afterMigrate callback");
      assertThat(rs.getBoolean(2)).as("shop.notes").isTrue();
      assertThat(rs.getBoolean(3)).as("shop.item_names").isTrue();
      assertThat(rs.getInt(4)).as("history rows in shop").isEqualTo(4);
    }
  }

  @Test
  void checkIsInStepAfterMigrateAndReportsAChangedRepeatableMigrationAsPending() throws Exception {
    // given
    run("migrate");
    Cli.Result inStep = run("check");

    // when: the repeatable migration changes
    Files.writeString(
        core.resolve("R__item_names.sql"),
        "create or replace view item_names as select id, name from ${prefix}items;\n");
    Cli.Result changed = run("check");

    // then
    assertThat(inStep.exitCode()).as(inStep.all()).isEqualTo(ExitCodes.NO_DRIFT);
    assertThat(inStep.out())
        .isEqualTo(
            "Flyway history of "
                + server.url(live)
                + " against "
                + core
                + ", "
                + extra
                + ": 3 applied, in step.\n");
    assertThat(changed.exitCode()).as(changed.all()).isEqualTo(ExitCodes.DRIFT);
    assertThat(changed.out())
        .endsWith(
            ": 3 applied, 1 problem(s):\n  pending: R__item_names.sql (repeatable changed)\n");
  }

  @Test
  void diffOfTheMigratedDatabaseFindsNoDrift() {
    // given
    run("migrate");

    // when
    Cli.Result result =
        run(
            "diff",
            "--provider",
            "external",
            "--provider-url",
            server.serverUrl(),
            "--provider-user",
            "postgres");

    // then
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.NO_DRIFT);
    assertThat(result.out()).startsWith("No drift: ");
  }

  @Test
  void generateWritesClassesForTheSchemaAndEveryLocation() throws Exception {
    // given
    Path output = root.resolve("generated");

    // when
    Cli.Result result =
        Cli.run(
            Map.of(),
            "generate",
            "--migrations",
            core.toString(),
            "--migrations",
            extra.toString(),
            "--placeholder",
            "prefix=shop_",
            "--flyway-schema",
            "shop",
            "--package",
            "com.example.shop",
            "--output",
            output.toString(),
            "--provider",
            "external",
            "--provider-url",
            server.serverUrl(),
            "--provider-user",
            "postgres");

    // then
    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out()).startsWith("Generated ").contains(" from 3 migrations into " + output);
    Path tables = output.resolve("com/example/shop/tables");
    assertThat(tables.resolve("ShopItems.java")).isRegularFile();
    assertThat(tables.resolve("Notes.java")).isRegularFile();
    assertThat(tables.resolve("ItemNames.java")).isRegularFile();
    assertThat(tables.resolve("FlywaySchemaHistory.java")).doesNotExist();
    assertThat(Files.readString(tables.resolve("ShopItems.java")))
        .contains("set by the afterMigrate callback");
  }

  @Test
  void withoutThePlaceholderMigrateFailsWithOneLine() {
    // when
    Cli.Result result =
        Cli.run(
            Map.of(),
            "migrate",
            "--url",
            server.url(live),
            "--user",
            "postgres",
            "--migrations",
            core.toString());

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.MIGRATIONS_FAILED);
    assertThat(result.err()).startsWith("drydock: Migration failed: ").contains("prefix");
    assertThat(result.err().lines()).hasSize(1);
  }
}
