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

/**
 * {@code drydock check --target dsql}: findings from the statements and from the catalog of the
 * migrated throwaway, where a foreign key created by dynamic SQL is found all the same.
 */
@ExtendWith(SharedPostgres.class)
class TargetCheckTest {

  @TempDir Path migrations;
  @TempDir Path cache;

  @Test
  void checkWithTargetDsqlReportsStatementAndCatalogFindingsAndExitsOne(TestServer server)
      throws Exception {
    // given: DSQL-style migrations, and one that builds a foreign key in a DO block
    Files.writeString(
        migrations.resolve("V1__users.sql"),
        "CREATE TABLE users (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), email text);\n");
    Files.writeString(
        migrations.resolve("V2__users_email.sql"),
        "CREATE INDEX ASYNC users_email ON users (email);\n");
    Files.writeString(
        migrations.resolve("V3__orders.sql"),
        """
        CREATE TABLE orders (id uuid PRIMARY KEY, user_id uuid);
        DO $$ BEGIN
          EXECUTE 'ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id)'
            || ' REFERENCES users (id)';
        END $$;
        """);
    // when
    Cli.Result result =
        Cli.run(
            Map.of(),
            "check",
            "--target",
            "dsql",
            "--migrations",
            migrations.toString(),
            "--provider",
            "external",
            "--provider-url",
            server.serverUrl(),
            "--provider-user",
            "postgres",
            "--cache-dir",
            cache.toString(),
            "--format",
            "json");
    // then
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.DRIFT);
    assertThat(result.out())
        .contains("\"target\": \"dsql\"")
        .contains(
            "{\"rule\": \"dsql-ddl-per-transaction\", \"severity\": \"error\", \"file\":"
                + " \"V3__orders.sql\", \"line\": 2,")
        .contains(
            "{\"rule\": \"dsql-plpgsql\", \"severity\": \"error\", \"file\": \"V3__orders.sql\","
                + " \"line\": 2,")
        .contains(
            "{\"rule\": \"dsql-catalog-foreign-key\", \"severity\": \"error\", \"file\": null,"
                + " \"line\": 0, \"construct\": \"foreign key\", \"subject\": \"orders:"
                + " orders_user\"")
        .doesNotContain("V2__users_email.sql")
        .doesNotContain("\"dsql-foreign-key\"");
    // and the text form names file, line, limit and link
    Cli.Result text =
        Cli.run(
            Map.of(),
            "check",
            "--target",
            "dsql",
            "--migrations",
            migrations.toString(),
            "--provider",
            "external",
            "--provider-url",
            server.serverUrl(),
            "--provider-user",
            "postgres",
            "--cache-dir",
            cache.toString());
    assertThat(text.out())
        .startsWith(
            "Migrations in " + migrations + " against Aurora DSQL: 3 error(s), 0 warning(s):")
        .contains(
            "  V3__orders.sql:2: error dsql-ddl-per-transaction: a second DDL statement in one"
                + " migration transaction");
  }
}
