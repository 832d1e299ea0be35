package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A project that keeps its Flyway settings in {@code flyway.toml} (a non-default {@code
 * sqlMigrationPrefix}) and whose migrations use {@code CREATE INDEX CONCURRENTLY}, a dotted version
 * and a repeatable migration: every command reads the settings, none hangs.
 */
@ExtendWith(SharedPostgres.class)
class FlywaySettingsCommandTest {

  @TempDir Path root;
  private Path migrations;
  private Path toml;
  private TestServer server;
  private String live;

  @BeforeEach
  void projectWithFlywayToml(TestServer shared) throws Exception {
    server = shared;
    live = server.createDatabase("cli_flyway_settings", null);
    migrations = Files.createDirectories(root.resolve("sql"));
    toml = root.resolve("flyway.toml");
    Files.writeString(toml, "[flyway]\nsqlMigrationPrefix = \"M\"\n");
    Files.writeString(
        migrations.resolve("M1__items.sql"),
        "create table items (id int primary key, name text not null);\n");
    Files.writeString(
        migrations.resolve("M1.1__items_name.sql"),
        "create index concurrently items_name on items (name);\n");
    Files.writeString(
        migrations.resolve("R__item_names.sql"),
        "create or replace view item_names as select name from items;\n");
  }

  @AfterEach
  void dropLiveDatabase() {
    server.dropDatabase(live);
  }

  private Cli.Result run(Map<String, String> env, String command, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--migrations", migrations.toString()));
    if (!command.equals("generate")) {
      args.addAll(List.of("--url", server.url(live), "--user", "postgres"));
    }
    if (command.equals("generate") || command.equals("diff")) {
      args.addAll(
          List.of(
              "--provider",
              "external",
              "--provider-url",
              server.serverUrl(),
              "--provider-user",
              "postgres"));
    }
    args.addAll(List.of(more));
    return Cli.run(env, args.toArray(String[]::new));
  }

  @Test
  void givenFlywayTomlWhenMigrateCheckDiffAndGenerateThenAllUseItAndNoneHangs() throws Exception {
    Cli.Result migrate =
        run(
            Map.of(),
            "migrate",
            "--flyway-config",
            toml.toString(),
            "--flyway",
            "postgresql.transactional.lock=false");
    Cli.Result check = run(Map.of(), "check", "--flyway-config", toml.toString());
    // the throwaway database runs without the transactional lock whatever the settings say
    Cli.Result diff = run(Map.of(), "diff", "--flyway-config", toml.toString());
    Path output = root.resolve("generated");
    Cli.Result generate =
        run(
            Map.of(),
            "generate",
            "--flyway-config",
            toml.toString(),
            "--package",
            "com.example.db",
            "--output",
            output.toString());

    assertThat(migrate.exitCode()).as(migrate.all()).isZero();
    assertThat(migrate.err()).doesNotContain("warning");
    assertThat(migrate.out())
        .startsWith("Applied 3 migrations to ")
        .contains("schema version <none> -> 1.1:\n")
        .containsPattern("\n  V1  items \\(\\d+ ms\\)\n  V1\\.1  items name \\(\\d+ ms\\)\n")
        .containsPattern("\n  R  item names \\(\\d+ ms\\)\n$");
    assertThat(check.exitCode()).as(check.all()).isEqualTo(ExitCodes.NO_DRIFT);
    assertThat(check.out()).contains(": 3 applied, in step.");
    assertThat(diff.exitCode()).as(diff.all()).isEqualTo(ExitCodes.NO_DRIFT);
    assertThat(diff.out()).startsWith("No drift: ");
    assertThat(generate.exitCode()).as(generate.all()).isZero();
    assertThat(generate.out()).startsWith("Generated ").contains(" from 3 migrations into ");
    assertThat(output.resolve("com/example/db/tables/Items.java")).isRegularFile();
    assertThat(output.resolve("com/example/db/tables/ItemNames.java")).isRegularFile();
  }

  @Test
  void givenTheSettingInAFlywayVariableThenCheckSeesTheMigrations() {
    Cli.Result check = run(Map.of("FLYWAY_SQL_MIGRATION_PREFIX", "M"), "check");

    assertThat(check.exitCode()).as(check.all()).isEqualTo(ExitCodes.DRIFT);
    assertThat(check.out())
        .contains(": 0 applied, 3 problem(s):\n")
        .contains("  pending: M1__items.sql\n")
        .contains("  pending: M1.1__items_name.sql\n");
  }

  @Test
  void givenAnUnknownFlywayKeyThenItIsAUsageErrorNamingTheKey() {
    Cli.Result result = run(Map.of(), "check", "--flyway", "sqlMigrationPrefx=M");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err()).isEqualTo("drydock: Unknown Flyway setting: sqlMigrationPrefx\n");
  }

  @Test
  void
      givenConcurrentlyUnderTheTransactionalLockWhenMigratingLiveThenItRefusesBeforeApplyingAnything()
          throws Exception {
    // given: the project's settings keep Flyway's transactional lock (its default)
    Files.writeString(migrations.resolve("M0.9__first.sql"), "create table first (id int);\n");

    // when
    Cli.Result result = run(Map.of(), "migrate", "--flyway-config", toml.toString());

    // then: one line naming the file and the setting, and nothing applied
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: "
                + migrations.resolve("M1.1__items_name.sql")
                + " uses CONCURRENTLY, which would wait forever behind Flyway's transactional lock;"
                + " nothing was applied. Run with --flyway postgresql.transactional.lock=false (or"
                + " set it in flyway.toml)\n");
    assertThat(run(Map.of(), "check", "--flyway-config", toml.toString()).out())
        .contains("pending");
  }
}
