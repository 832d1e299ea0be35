package dev.drydock.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

  private static ThrowawayDatabase server;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    server =
        ThrowawayDatabase.start(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void syntaxErrorNamesFileLineAndPostgresMessage() throws Exception {
    // given
    Files.writeString(dir.resolve("V1__ok.sql"), "create table a (id int);\n");
    Files.writeString(
        dir.resolve("V2__broken.sql"),
        "-- a comment\ncreate table b (id int);\n\ncreate table c (\n  id int,\n  nme txet\n);\n");
    Migrations migrations = Migrations.configure().location(dir).build();

    // when / then
    assertThatThrownBy(() -> migrations.migrate(server.dataSource()))
        .isInstanceOf(MigrationException.class)
        .hasMessage("V2__broken.sql:6: ERROR: type \"txet\" does not exist (SQLState 42704)")
        .satisfies(
            e -> {
              MigrationException m = (MigrationException) e;
              assertThat(m.file()).contains("V2__broken.sql");
              assertThat(m.line()).isEqualTo(6);
              assertThat(m.sqlState()).contains("42704");
            });
  }

  @Test
  void commentBeforeTheFailingStatementDoesNotShiftTheLine() throws Exception {
    Files.writeString(
        dir.resolve("V1__commented.sql"), "-- comment\ncreate table b (\n  id int,\n  oops\n);\n");
    Migrations migrations = Migrations.configure().location(dir).build();

    assertThatThrownBy(() -> migrations.migrate(server.dataSource()))
        .hasMessage("V1__commented.sql:5: ERROR: syntax error at or near \")\" (SQLState 42601)");
  }

  @Test
  void aMigrationMixingConcurrentlyWithOtherStatementsIsNamedWithItsLine() throws Exception {
    // given: Flyway refuses it before it starts, in a message without the file
    Files.writeString(
        dir.resolve("V2__mixed.sql"),
        "create table mixed (id int);\ncreate index concurrently mixed_id on mixed (id);\n");
    Migrations migrations = Migrations.configure().location(dir).build();

    // when / then
    assertThatThrownBy(() -> migrations.onThrowaway().migrate(server.dataSource()))
        .isInstanceOf(MigrationException.class)
        .hasMessageStartingWith(
            "V2__mixed.sql:2: Detected both transactional and non-transactional statements")
        .satisfies(
            e ->
                assertThat(((MigrationException) e).locatedMessage())
                    .startsWith(dir.resolve("V2__mixed.sql") + ":2: "));
  }

  @Test
  void missingDirectoryIsReportedByPath() {
    Path missing = dir.resolve("nope");
    Migrations migrations = Migrations.configure().location(missing).build();

    assertThatThrownBy(() -> migrations.migrate(server.dataSource()))
        .isInstanceOf(MigrationException.class)
        .hasMessage("Migrations directory not found: " + missing.toAbsolutePath());
  }

  @Test
  void emptyDirectoryIsAnError() {
    Migrations migrations = Migrations.configure().location(dir).build();

    assertThatThrownBy(migrations::requireMigrations)
        .isInstanceOf(MigrationException.class)
        .hasMessageStartingWith("No migrations (*.sql) found in");
  }

  @Test
  void twoMigrationsWithTheSameVersionAreRejectedNamingBoth() throws Exception {
    Files.writeString(dir.resolve("V1__one.sql"), "select 1;\n");
    Files.writeString(dir.resolve("V1__other.sql"), "select 2;\n");
    Migrations migrations = Migrations.configure().location(dir).build();

    assertThatThrownBy(() -> migrations.migrate(server.dataSource()))
        .isInstanceOf(MigrationException.class)
        .hasMessage(
            "Found more than one migration with version 1: "
                + dir.resolve("V1__one.sql").toAbsolutePath()
                + ", "
                + dir.resolve("V1__other.sql").toAbsolutePath());
  }

  @Test
  void lineOfPositionCountsNewlinesBeforeTheErrorPosition() {
    assertThat(MigrationFailures.lineOfPosition("select\n1\n+ x", 10, 11)).isEqualTo(12);
    assertThat(MigrationFailures.lineOfPosition("select 1", 4, 0)).isEqualTo(4);
    // Flyway's statement text begins with the comments before the statement's first line
    assertThat(MigrationFailures.lineOfPosition("--\n-- c\n/* x\n */\nselect\n bad", 7, 26))
        .isEqualTo(8);
  }

  @Test
  void givenFilesFlywayWouldSkipThenEachIsNamedWithWhyOnItsOwnLine() throws Exception {
    Files.writeString(dir.resolve("V1__ok.sql"), "create table ok (id int);\n");
    Files.writeString(dir.resolve("v2__lower.sql"), "create table lower (id int);\n");
    Files.writeString(dir.resolve("V3_one_underscore.sql"), "select 1;\n");
    Files.writeString(dir.resolve("notes.sql"), "select 1;\n");
    Files.writeString(dir.resolve("R__view.sql"), "select 1;\n");
    Files.writeString(dir.resolve("afterMigrate.sql"), "select 1;\n");
    Migrations migrations = Migrations.configure().location(dir).build();

    assertThatThrownBy(() -> migrations.migrate(server.dataSource()))
        .isInstanceOf(MigrationException.class)
        .hasMessage(
            dir.resolve("V3_one_underscore.sql")
                + ": Flyway would skip it: no '__' between version and description\n"
                + dir.resolve("notes.sql")
                + ": Flyway would skip it: neither versioned (V<version>__<description>),"
                + " repeatable (R__<description>) nor a callback (e.g. afterMigrate)\n"
                + dir.resolve("v2__lower.sql")
                + ": Flyway would skip it: the prefix 'v' is not 'V' (prefixes are"
                + " case-sensitive)\n"
                + "rename, or allow such files with validateMigrationNaming=false");
  }

  @Test
  void givenOneSkippedFileAllowedByTheSettingThenTheOthersApply() throws Exception {
    Files.writeString(dir.resolve("V1__allowed.sql"), "create table allowed (id int);\n");
    Files.writeString(dir.resolve("v2__lower.sql"), "select 1;\n");
    Migrations strict = Migrations.configure().location(dir).build();
    Migrations allowing =
        Migrations.configure()
            .location(dir)
            .schemas(List.of("naming_allowed"))
            .settings(
                FlywaySettings.configure().setting("validateMigrationNaming", "false").build())
            .build();

    assertThatThrownBy(strict::requireMigrations)
        .hasMessage(
            dir.resolve("v2__lower.sql")
                + ": Flyway would skip it: the prefix 'v' is not 'V' (prefixes are"
                + " case-sensitive); rename, or allow such files with"
                + " validateMigrationNaming=false");
    assertThat(allowing.migrate(server.dataSource()).applied()).isEqualTo(1);
  }

  @Test
  void givenANonUtf8FileThenTheMessageSaysSoAndWhere() throws Exception {
    Files.write(
        dir.resolve("V1__latin1.sql"),
        "-- caf\u00e9\nselect 1;\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Migrations migrations = Migrations.configure().location(dir).build();

    assertThatThrownBy(migrations::requireMigrations)
        .isInstanceOf(MigrationException.class)
        .hasMessage(
            dir.resolve("V1__latin1.sql")
                + " is not valid UTF-8 at byte offset 6 (Flyway reads migrations as UTF-8; convert"
                + " the file, or set Flyway's encoding)");
  }
}
