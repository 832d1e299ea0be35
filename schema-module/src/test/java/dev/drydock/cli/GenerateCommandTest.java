package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedPostgres.class)
class GenerateCommandTest {

  @TempDir Path migrations;
  @TempDir Path output;

  private Cli.Result generate(TestServer server) {
    return Cli.run(
        Map.of(),
        "generate",
        "--migrations",
        migrations.toString(),
        "--package",
        "com.example.db",
        "--output",
        output.toString(),
        "--provider",
        "external",
        "--provider-url",
        server.serverUrl(),
        "--provider-user",
        "postgres");
  }

  @Test
  void generatesJooqClassesAndSkipsWorkWhenNothingChanged(TestServer server) throws Exception {
    Files.writeString(
        migrations.resolve("V1__items.sql"), "CREATE TABLE items (id int PRIMARY KEY);\n");

    Cli.Result first = generate(server);
    Cli.Result second = generate(server);

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(first.out()).startsWith("Generated ").contains("from 1 migrations into " + output);
    assertThat(output.resolve("com/example/db/tables/Items.java")).isRegularFile();
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).startsWith("jOOQ sources up to date");
  }

  @Test
  void failingMigrationExitsThree(TestServer server) throws Exception {
    Files.writeString(migrations.resolve("V1__bad.sql"), "CREATE TABLE (;\n");

    Cli.Result result = generate(server);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.MIGRATIONS_FAILED);
    assertThat(result.err())
        .startsWith(
            "drydock: Migration failed: "
                + migrations.resolve("V1__bad.sql")
                + ":1: ERROR: syntax error");
  }

  @Test
  void givenSrcMainJavaWithHandWrittenCodeWhenGeneratingThenExitsTwoNamingItAndDeletesNothing(
      TestServer server) throws Exception {
    // given: the natural mistake, --output src/main/java
    Files.writeString(
        migrations.resolve("V1__items.sql"), "CREATE TABLE items (id int PRIMARY KEY);\n");
    Path app = Files.createDirectories(output.resolve("src/main/java/com/ex")).resolve("App.java");
    Files.writeString(app, "package com.ex;\nclass App {}\n");

    // when
    Cli.Result result =
        Cli.run(
            Map.of(),
            "generate",
            "--migrations",
            migrations.toString(),
            "--package",
            "com.ex.db",
            "--output",
            output.resolve("src/main/java").toString(),
            "--provider",
            "external",
            "--provider-url",
            server.serverUrl(),
            "--provider-user",
            "postgres");

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: Refusing to replace "
                + output.resolve("src/main/java")
                + ": it holds files Drydock did not write, which regenerating would delete:"
                + " com/ex/App.java; give a directory of its own for the generated sources"
                + " (nothing was deleted)\n");
    assertThat(app).hasContent("package com.ex;\nclass App {}");
    try (var left = Files.list(output)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("src");
    }
  }

  @Test
  void givenARegularFileAsOutputWhenGeneratingThenExitsTwoAndKeepsIt(TestServer server)
      throws Exception {
    Files.writeString(
        migrations.resolve("V1__items.sql"), "CREATE TABLE items (id int PRIMARY KEY);\n");
    Path file = Files.writeString(output.resolve("jooq"), "not a directory");

    Cli.Result result =
        Cli.run(
            Map.of(),
            "generate",
            "--migrations",
            migrations.toString(),
            "--package",
            "com.ex.db",
            "--output",
            file.toString(),
            "--provider",
            "external",
            "--provider-url",
            server.serverUrl(),
            "--provider-user",
            "postgres");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: Refusing to write generated sources to "
                + file
                + ": it is a file, not a directory; give a directory of its own for the generated"
                + " sources\n");
    assertThat(file).hasContent("not a directory");
  }

  @Test
  void givenAJooqConfigWithJdbcWhenGeneratingThenExitsTwoInOneLine() throws Exception {
    Files.writeString(
        migrations.resolve("V1__items.sql"), "CREATE TABLE items (id int PRIMARY KEY);\n");
    Path config =
        Files.writeString(
            migrations.resolveSibling(migrations.getFileName() + "-jooq.xml"),
            "<configuration><jdbc><url>jdbc:postgresql://prod/db</url></jdbc></configuration>");

    Cli.Result result =
        Cli.run(
            Map.of(),
            "generate",
            "--migrations",
            migrations.toString(),
            "--package",
            "com.example.db",
            "--output",
            output.toString(),
            "--jooq-config",
            config.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: The jOOQ configuration "
                + config
                + " has a <jdbc> element: remove it, Drydock generates from its own throwaway"
                + " database\n");
    Files.delete(config);
  }

  @Test
  void givenAJooqConfigWithAForcedTypeWhenGeneratingThenTheClassesUseIt(TestServer server)
      throws Exception {
    Files.writeString(
        migrations.resolve("V1__events.sql"),
        "CREATE TABLE events (id int PRIMARY KEY, at timestamptz NOT NULL);\n");
    Path config =
        Files.writeString(
            migrations.resolveSibling(migrations.getFileName() + "-jooq.xml"),
            "<configuration><generator><database><forcedTypes><forcedType>"
                + "<userType>java.time.Instant</userType><lambdaConverter>"
                + "<from>java.time.OffsetDateTime::toInstant</from>"
                + "<to>i -> i.atOffset(java.time.ZoneOffset.UTC)</to></lambdaConverter>"
                + "<includeTypes>(?i:timestamp\\ with\\ time\\ zone)</includeTypes>"
                + "</forcedType></forcedTypes></database></generator></configuration>");

    Cli.Result result =
        Cli.run(
            Map.of(),
            "generate",
            "--migrations",
            migrations.toString(),
            "--package",
            "com.example.db",
            "--output",
            output.toString(),
            "--jooq-config",
            config.toString(),
            "--provider",
            "external",
            "--provider-url",
            server.serverUrl(),
            "--provider-user",
            "postgres");
    Files.delete(config);

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(Files.readString(output.resolve("com/example/db/tables/Events.java")))
        .contains("TableField<EventsRecord, Instant> AT");
  }

  @Test
  void givenKotlinGeneratorWhenAKotlinSourceIsDeletedThenTheNextRunRegeneratesIt(TestServer server)
      throws Exception {
    // given: jOOQ's KotlinGenerator through --jooq-config, generated once
    Files.writeString(
        migrations.resolve("V1__items.sql"), "CREATE TABLE items (id int PRIMARY KEY);\n");
    Path config =
        Files.writeString(
            migrations.resolveSibling(migrations.getFileName() + "-kotlin.xml"),
            "<configuration><generator><name>org.jooq.codegen.KotlinGenerator</name>"
                + "</generator></configuration>");
    String[] args = {
      "generate",
      "--migrations",
      migrations.toString(),
      "--package",
      "com.example.db",
      "--output",
      output.toString(),
      "--jooq-config",
      config.toString(),
      "--provider",
      "external",
      "--provider-url",
      server.serverUrl(),
      "--provider-user",
      "postgres"
    };
    Cli.Result first = Cli.run(Map.of(), args);
    Path items = output.resolve("com/example/db/tables/Items.kt");
    // when: a generated Kotlin file disappears (an IDE, a clean of one folder)
    Files.delete(items);
    Cli.Result second = Cli.run(Map.of(), args);
    Files.delete(config);

    // then: the first run counted its Kotlin files, and the second saw the loss and regenerated
    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(first.out()).startsWith("Generated 6 jOOQ source files from 1 migrations");
    assertThat(second.exitCode()).as(second.all()).isZero();
    assertThat(second.out()).startsWith("Generated 6 jOOQ source files");
    assertThat(items).isRegularFile();
  }
}
