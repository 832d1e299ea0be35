package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testing.Fixtures;
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
 * {@code drydock lint --url}: the migrations pending on a live database are linted on a throwaway,
 * and each finding on an existing table carries the live table's size, rows and writes; the live
 * database is only read.
 */
@ExtendWith(SharedPostgres.class)
class LintCommandTest {

  private static final Path cache = dev.drydock.lint.LintTestCache.dir();
  @TempDir Path migrations;
  @TempDir Path work;
  private TestServer server;
  private String live;

  @BeforeEach
  void liveDatabaseWithOrders(TestServer shared) throws Exception {
    server = shared;
    live = server.createDatabase("lint_live", null);
    Files.copy(Fixtures.resource("lint/live/V1__orders.sql"), migrations.resolve("V1__orders.sql"));
    Cli.Result migrated =
        Cli.run(
            Map.of(),
            "migrate",
            "--url",
            server.url(live),
            "--user",
            "postgres",
            "--migrations",
            migrations.toString());
    assertThat(migrated.exitCode()).as(migrated.all()).isZero();
    server.execute(
        live, "INSERT INTO orders SELECT g, g, repeat('x', 100) FROM generate_series(1, 1000) g");
    server.execute(live, "ANALYZE orders");
    Files.copy(
        Fixtures.resource("lint/live/V2__widen_total.sql"),
        migrations.resolve("V2__widen_total.sql"));
  }

  @AfterEach
  void dropLiveDatabase() {
    server.dropDatabase(live);
  }

  private Cli.Result lint(Map<String, String> env, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "lint",
                "--url",
                server.url(live),
                "--user",
                "postgres",
                "--migrations",
                migrations.toString(),
                "--cache-dir",
                cache.toString(),
                "--no-snapshots"));
    args.addAll(List.of(extra));
    return Cli.run(env, args.toArray(String[]::new));
  }

  @Test
  void findingsOnExistingTablesCarryTheLiveSizeAndTheLiveDatabaseIsOnlyRead() throws Exception {
    // given a live database with 1000 orders, V1 applied and V2 pending
    long bytes = queryLong("SELECT pg_total_relation_size('orders')");
    long writes = awaitInserts(1000);

    // when V2, pending there, is linted as JSON
    Cli.Result result = lint(Map.of(), "--format", "json");

    // then the rewrite of orders fails the run and names the live table's size
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.FINDINGS);
    JsonNode report = new ObjectMapper().readTree(result.out());
    assertThat(report.get("format").asText()).isEqualTo("drydock-lint/1");
    assertThat(report.get("liveDatabase").asBoolean()).isTrue();
    JsonNode rewrite = find(report, "table-rewrite", 2);
    assertThat(rewrite.get("allowedBecause").isNull()).isTrue();
    JsonNode orders = rewrite.get("relations").get(0);
    assertThat(orders.get("name").asText()).isEqualTo("public.orders");
    assertThat(orders.get("live").get("bytes").asLong()).isEqualTo(bytes);
    assertThat(orders.get("live").get("estimatedRows").asLong()).isEqualTo(1000);
    assertThat(orders.get("live").get("writes").asLong()).isEqualTo(writes).isEqualTo(1000);
    // and the table created by V2 itself counts for nothing
    assertThat(result.out()).doesNotContain("public.notes");
    // and the live database still has only V1, and no new column
    assertThat(queryLong("SELECT count(*) FROM flyway_schema_history")).isEqualTo(1);
    assertThat(
            queryLong(
                "SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass"
                    + " AND attname = 'flag'"))
        .isZero();
  }

  @Test
  void allowancesAllowWithAReasonAndAreFindingsWithoutOneOrWhenUnused() throws Exception {
    // given the file-wide allowance of lock-timeout, an allowance of table-rewrite without a
    // reason above the audit rewrite, one of scan-under-lock that matches nothing, and a project
    // file allowing the lock held at line 2
    Path allowFile = work.resolve("allow.txt");
    Files.writeString(
        allowFile,
        "# allowed findings\nlock-held V2__widen_total.sql:2 orders is written to once a day\n");

    // when V2 is linted
    Cli.Result result = lint(Map.of(), "--format", "json", "--allow-file", allowFile.toString());

    // then
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.FINDINGS);
    JsonNode report = new ObjectMapper().readTree(result.out());
    assertThat(find(report, "lock-timeout", 2).get("allowedBecause").asText())
        .isEqualTo("the deploy job sets lock_timeout for its role");
    assertThat(find(report, "lock-timeout", 6).get("allowedBecause").asText())
        .isEqualTo("the deploy job sets lock_timeout for its role");
    assertThat(find(report, "lock-held", 2).get("allowedBecause").asText())
        .isEqualTo("orders is written to once a day");
    assertThat(find(report, "table-rewrite", 6).get("allowedBecause").asText()).isEmpty();
    assertThat(find(report, "table-rewrite", 2).get("allowedBecause").isNull()).isTrue();
    JsonNode noReason = find(report, "allow-without-reason", 5);
    assertThat(noReason.get("severity").asText()).isEqualTo("error");
    assertThat(noReason.get("message").asText())
        .isEqualTo("the allowance of 'table-rewrite' gives no reason");
    assertThat(find(report, "unused-allowance", 7).get("message").asText())
        .isEqualTo("the allowance of 'scan-under-lock' matches no finding");
    assertThat(report.get("summary").get("allowed").asLong()).isEqualTo(4);
  }

  @Test
  void textGroupsByMigrationAndStatementAndGithubActionsGetAnnotations() {
    // when V2 is linted on GitHub Actions
    Cli.Result result = lint(Map.of("GITHUB_ACTIONS", "true"));

    // then
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.FINDINGS);
    String v2 = migrations.resolve("V2__widen_total.sql").toString();
    assertThat(result.out())
        .contains("V2__widen_total.sql (in a transaction, 5 statement(s))\n")
        .contains(
            "  "
                + v2
                + ":2  ALTER TABLE orders ALTER COLUMN total TYPE bigint\n"
                + "    error   table-rewrite: rewrites table public.orders (and its indexes) under"
                + " ACCESS EXCLUSIVE lock (blocks reads and writes), held until the migration"
                + " commits\n"
                + "            public.orders: ")
        .contains(
            "::error file="
                + v2.replace(":", "%3A")
                + ",line=2,title=drydock lint"
                + " table-rewrite::rewrites table public.orders");
    assertThat(result.out())
        .doesNotContain(
            "::warning file=" + v2.replace(":", "%3A") + ",line=6,title=drydock lint lock-timeout");
  }

  @Test
  void withoutAWayToTellWhatIsNewItIsAUsageError() {
    // when neither --url, --since nor --changed-since is given
    Cli.Result result =
        Cli.run(
            Map.of(),
            "lint",
            "--migrations",
            migrations.toString(),
            "--cache-dir",
            cache.toString());

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: Say which migrations are new: --url (those pending there), --since VERSION"
                + " or --changed-since REF\n");
  }

  @Test
  void anInvalidVersionIsOneLineNamingIt() {
    // when --since is no version
    Cli.Result result =
        Cli.run(Map.of(), "lint", "--since", "x.y", "--migrations", migrations.toString());

    // then
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo("drydock: Invalid --since version 'x.y': expected e.g. 41 or 1.2.3\n");
  }

  @Test
  void nothingNewExitsWithZeroAndStartsNothing() {
    // when the migrations after V2, the last one, are asked for
    Cli.Result result =
        Cli.run(
            Map.of(),
            "lint",
            "--since",
            "2",
            "--migrations",
            migrations.toString(),
            "--cache-dir",
            cache.toString());

    // then
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
    assertThat(result.out()).isEqualTo("drydock lint: no new migrations\n");
  }

  @Test
  void aFailingMigrationExitsWithThree() throws Exception {
    // given a new migration that fails
    Files.writeString(
        migrations.resolve("V3__broken.sql"), "ALTER TABLE nowhere ADD COLUMN x int;\n");

    // when
    Cli.Result result = lint(Map.of());

    // then
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.MIGRATIONS_FAILED);
    assertThat(result.err()).contains("V3__broken.sql:1").contains("42P01");
  }

  private static JsonNode find(JsonNode report, String rule, int line) {
    for (JsonNode f : report.get("findings")) {
      if (f.get("rule").asText().equals(rule) && f.get("line").asInt() == line) {
        return f;
      }
    }
    throw new AssertionError("no " + rule + " at line " + line + " in " + report);
  }

  private long queryLong(String sql) throws Exception {
    try (Connection c = server.connect(live);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The statistics of the inserts, once the server has them (flushed when the session ended). */
  private long awaitInserts(long expected) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long writes;
    do {
      writes =
          queryLong(
              "SELECT n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables"
                  + " WHERE relname = 'orders'");
      if (writes >= expected) {
        return writes;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return writes;
  }
}
