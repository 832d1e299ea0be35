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
}
