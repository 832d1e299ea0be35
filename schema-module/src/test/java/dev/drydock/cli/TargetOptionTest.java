package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --target dsql|cockroachdb}: migrations written the way those engines' documentation writes
 * them go through generate, diff and check on a throwaway PostgreSQL.
 */
@ExtendWith(SharedPostgres.class)
class TargetOptionTest {

  private static final String ASYNC_INDEX = "CREATE INDEX ASYNC items_name_idx ON items (name);";

  @TempDir Path migrations;
  @TempDir Path output;
  @TempDir Path cache;

  private Cli.Result run(TestServer server, String command, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--migrations",
                migrations.toString(),
                "--provider",
                "external",
                "--provider-url",
                server.serverUrl(),
                "--provider-user",
                "postgres",
                "--cache-dir",
                cache.toString()));
    args.addAll(List.of(extra));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }

  private Cli.Result generate(TestServer server, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("--package", "com.example.db", "--output", output.toString()));
    args.addAll(List.of(extra));
    return run(server, "generate", args.toArray(String[]::new));
  }

  private void dsqlMigrations() throws Exception {
    Files.writeString(
        migrations.resolve("V1__items.sql"),
        "CREATE TABLE items (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL);\n");
    Files.writeString(migrations.resolve("V2__items_name.sql"), ASYNC_INDEX + "\n");
  }

  @Test
  void createIndexAsyncIsAppliedAsCreateIndexWithTargetDsqlAndSaidWithVerbose(TestServer server)
      throws Exception {
    // given: a DSQL migration PostgreSQL rejects as written
    dsqlMigrations();
    Cli.Result plain = generate(server);
    assertThat(plain.exitCode()).as(plain.all()).isEqualTo(ExitCodes.MIGRATIONS_FAILED);
    assertThat(plain.err()).contains("V2__items_name.sql:1: ERROR: syntax error at or near");

    // when
    Cli.Result dsql = generate(server, "--target", "dsql", "--verbose");

    // then: generated, the index in the sources, the rewrite told with its source
    assertThat(dsql.exitCode()).as(dsql.all()).isZero();
    assertThat(dsql.err())
        .contains(
            "drydock: dsql: `CREATE INDEX ASYNC items_name_idx ON items (name)`: `CREATE INDEX"
                + " ASYNC` applied as `CREATE INDEX` (Aurora DSQL builds indexes with CREATE INDEX"
                + " ASYNC")
        .contains(
            "https://docs.aws.amazon.com/aurora-dsql/latest/userguide/working-with-create-index-async.html");
    assertThat(Files.readString(output.resolve("com/example/db/Indexes.java")))
        .contains("ITEMS_NAME_IDX");
    // and the target is part of the fingerprint: unchanged files under another target regenerate
    assertThat(generate(server, "--target", "dsql").out()).startsWith("jOOQ sources up to date");
    Cli.Result cockroach = generate(server, "--target", "cockroachdb");
    assertThat(cockroach.exitCode()).as(cockroach.all()).isEqualTo(ExitCodes.MIGRATIONS_FAILED);
  }

  @Test
  void diffWithTargetDsqlComparesTheLiveDatabaseWithTheRewrittenMigrations(TestServer server)
      throws Exception {
    // given: a live database as DSQL would hold it, in PostgreSQL's syntax
    dsqlMigrations();
    String live = server.createDatabase("target_live", null);
    try {
      server.execute(
          live,
          "CREATE TABLE items (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL)");
      // when / then: without the index, it is missing; with it, no drift
      Cli.Result drift =
          run(server, "diff", "--target", "dsql", "--url", server.url(live), "--user", "postgres");
      assertThat(drift.exitCode()).as(drift.all()).isEqualTo(ExitCodes.DRIFT);
      assertThat(drift.out()).contains("items_name_idx");
      server.execute(live, "CREATE INDEX items_name_idx ON items (name)");
      Cli.Result same =
          run(server, "diff", "--target", "dsql", "--url", server.url(live), "--user", "postgres");
      assertThat(same.exitCode()).as(same.all()).isEqualTo(ExitCodes.NO_DRIFT);
    } finally {
      server.dropDatabase(live);
    }
  }

  @Test
  void cockroachDbFormsAreAppliedInTheirPostgresEquivalent(TestServer server) throws Exception {
    // given: a migration as CockroachDB's documentation writes them
    Files.writeString(
        migrations.resolve("V1__events.sql"),
        """
        CREATE TABLE events (
            id INT8 DEFAULT unique_rowid() PRIMARY KEY,
            ts TIMESTAMPTZ NOT NULL,
            kind STRING NOT NULL,
            body BYTES,
            payload JSONB,
            FAMILY f1 (id, ts, kind),
            FAMILY f2 (body, payload)
        );
        CREATE INDEX events_ts_idx ON events (ts) USING HASH WITH (bucket_count = 8);
        CREATE INDEX events_kind_idx ON events (kind) STORING (ts);
        CREATE INVERTED INDEX events_payload_idx ON events (payload);
        ALTER TABLE events CONFIGURE ZONE USING num_replicas = 5;
        """);
    // when
    Cli.Result result = generate(server, "--target", "cockroachdb");
    // then
    assertThat(result.exitCode()).as(result.all()).isZero();
    String events = Files.readString(output.resolve("com/example/db/tables/Events.java"));
    assertThat(events)
        .contains("TableField<EventsRecord, String> KIND")
        .contains("TableField<EventsRecord, byte[]> BODY")
        .contains("TableField<EventsRecord, Long> ID");
    assertThat(Files.readString(output.resolve("com/example/db/Indexes.java")))
        .contains("EVENTS_TS_IDX")
        .contains("EVENTS_PAYLOAD_IDX");
  }
}
