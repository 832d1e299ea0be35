package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.files.FileContents;
import dev.drydock.testing.ChildProcess;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CLI in a child JVM, interrupted (Ctrl-C is SIGINT, a cancelled CI job SIGTERM) while Flyway
 * applies migrations and while jOOQ generates code: it exits promptly with 128 + the signal, no
 * server of it runs, no temporary directory is left, and the previous generated sources are whole.
 * The default build runs one of each kind; {@code -Preliability} runs every signal and timing.
 */
@ExtendWith(SharedPostgres.class)
class InterruptTest {

  static final String SLOW_MIGRATION = "create table slow (id int);\nselect pg_sleep(3);\n";

  /** 300 tables of 8 columns: jOOQ needs several seconds to write their classes. */
  static final String MANY_TABLES =
      "do $$\nbegin\n  for i in 1..300 loop\n    execute format('create table t%s (id bigint"
          + " primary key, name text not null, created timestamptz default now(), amount"
          + " numeric(12,2), flag boolean, note varchar(200), ref_id bigint, payload jsonb)',"
          + " i);\n  end loop;\nend $$;\n";

  @TempDir Path root;

  private Path tmp;
  private Path output;
  private Map<String, String> previous;

  /** The sources of an earlier run, which an interrupted run must leave exactly as they are. */
  private void previousOutput() throws IOException {
    tmp = Files.createDirectories(root.resolve("tmp"));
    output = root.resolve("out").resolve("jooq");
    Path tables = Files.createDirectories(output.resolve("com/example/db/tables"));
    Files.writeString(tables.resolve("Earlier.java"), "package com.example.db.tables;\n");
    // the marker of an earlier run lists what it wrote, so this output is Drydock's to replace
    Files.writeString(
        output.resolve(".drydock-fingerprint"),
        "earlier run\n1\ncom/example/db/tables/Earlier.java\n");
    previous = FileContents.of(output);
  }

  private Path migrations(String name, String sql) throws IOException {
    Path dir = Files.createDirectories(root.resolve("migrations"));
    Files.writeString(dir.resolve(name), sql);
    return dir;
  }

  private ChildProcess drydock(String... args) {
    return ChildProcess.java(
        List.of("-Ddrydock.tmpdir=" + tmp), Drydock.class.getName(), List.of(args), root);
  }

  private ChildProcess generate(Path migrations) {
    return drydock(
        "generate",
        "--provider",
        "embedded",
        "--progress",
        "--package",
        "com.example.db",
        "--output",
        output.toString(),
        "--migrations",
        migrations.toString());
  }

  static int exitCodeOf(String signal) {
    return signal.equals("INT") ? 130 : 143;
  }

  @Tag("reliability")
  @ParameterizedTest(name = "SIG{0} while Flyway applies a migration")
  @CsvSource({"INT", "TERM"})
  void signalWhileFlywayAppliesLeavesNothingBehind(String signal) throws Exception {
    // given
    previousOutput();
    ChildProcess cli = generate(migrations("V1__slow.sql", SLOW_MIGRATION));
    try (cli) {
      cli.awaitOutput(
          "Migrating schema \"public\" to version \"1 - slow\"", Duration.ofSeconds(60));
      Thread.sleep(500);

      // when
      cli.signal(signal);

      // then
      assertThat(cli.awaitExit(Duration.ofSeconds(30))).isEqualTo(exitCodeOf(signal));
      assertNothingLeft(cli);
    }
  }

  @ParameterizedTest(name = "SIG{0} while jOOQ writes the sources")
  @CsvSource({"TERM"})
  void signalWhileJooqGeneratesKeepsThePreviousSources(String signal) throws Exception {
    // given
    previousOutput();
    ChildProcess cli = generate(migrations("V1__many.sql", MANY_TABLES));
    try (cli) {
      // jOOQ has written its first file of about 600 into the staging directory: it is writing
      // (a fixed delay after the "Generating" line raced with the writer's speed)
      awaitStagedSource(cli, Duration.ofSeconds(60));

      // when
      cli.signal(signal);

      // then
      assertThat(cli.awaitExit(Duration.ofSeconds(30))).isEqualTo(exitCodeOf(signal));
      assertNothingLeft(cli);
    }
  }

  /** Waits until a staging directory beside the output holds a generated source. */
  private void awaitStagedSource(ChildProcess cli, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> siblings = Files.list(output.getParent())) {
        for (Path staging :
            siblings.filter(p -> p.getFileName().toString().matches("jooq\\.tmp-\\d+")).toList()) {
          try (Stream<Path> files = Files.walk(staging)) {
            if (files.anyMatch(f -> f.toString().endsWith(".java"))) {
              return;
            }
          } catch (IOException | UncheckedIOException vanished) {
            // renamed into place or deleted meanwhile: look again
          }
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError(
        "no generated source appeared in a staging directory beside "
            + output
            + " within "
            + max
            + "\n"
            + cli.tail());
  }

  /** Codegen interrupted at other points, and diff's throwaway server: the longer variants. */
  @Tag("reliability")
  @ParameterizedTest(name = "SIG{0} {1} into jOOQ code generation")
  @CsvSource({"INT, 300", "TERM, 1000", "INT, 2000", "TERM, 3000"})
  void signalAtAnyPointOfCodeGenerationKeepsThePreviousSources(String signal, int delayMillis)
      throws Exception {
    signalIntoCodeGenerationKeepsThePreviousSources(signal, delayMillis);
  }

  /**
   * {@code generate} of 300 tables, signalled {@code delayMillis} into jOOQ code generation: the
   * signal may come before, during or after the new sources are moved into place, so the output is
   * the previous sources or the complete new ones, never a mix.
   */
  private void signalIntoCodeGenerationKeepsThePreviousSources(String signal, int delayMillis)
      throws Exception {
    // given
    previousOutput();
    ChildProcess cli = generate(migrations("V1__many.sql", MANY_TABLES));
    try (cli) {
      cli.awaitOutput("Generating jOOQ sources", Duration.ofSeconds(60));
      Thread.sleep(delayMillis);

      // when
      cli.signal(signal);

      // then: the signal's exit code, or 0 when the run had ended before the signal came
      int exit = cli.awaitExit(Duration.ofSeconds(30));
      if (exit == 0) {
        assertThat(cli.output()).as("a run that ended by itself").contains("Generated ");
      } else {
        assertThat(exit).isEqualTo(exitCodeOf(signal));
      }
      Map<String, String> now = FileContents.of(output);
      if (!now.equals(previous)) {
        // moved into place before the signal: whole, every file its marker lists and no other
        String[] marker = now.get(".drydock-fingerprint").split("\n");
        TreeSet<String> listed = new TreeSet<>(List.of(marker).subList(2, marker.length));
        listed.add(".drydock-fingerprint");
        assertThat(now.keySet()).as("the new sources, whole").isEqualTo(listed);
        previous = now;
      }
      assertNothingLeft(cli);
    }
  }

  @Tag("reliability")
  @ParameterizedTest(name = "diff: SIG{0} while Flyway applies to the throwaway server")
  @CsvSource({"INT", "TERM"})
  void signalDuringDiffStopsItsThrowawayServer(String signal, TestServer server) throws Exception {
    tmp = Files.createDirectories(root.resolve("tmp"));
    String live = server.createDatabase("interrupt_diff", null);
    try {
      ChildProcess cli =
          drydock(
              "diff",
              "--provider",
              "embedded",
              "--progress",
              "--url",
              server.url(live),
              "--user",
              "postgres",
              "--migrations",
              migrations("V1__slow.sql", SLOW_MIGRATION).toString());
      try (cli) {
        cli.awaitOutput("applying V1__slow.sql", Duration.ofSeconds(60));
        Thread.sleep(500);

        cli.signal(signal);

        assertThat(cli.awaitExit(Duration.ofSeconds(30))).isEqualTo(exitCodeOf(signal));
        assertNothingLeft(cli);
      }
    } finally {
      server.dropDatabase(live);
    }
  }

  @Test
  void ctrlCDuringMigrateOfALiveDatabaseRollsTheMigrationBack(TestServer server) throws Exception {
    // given: a live database and a migration that takes 3 s
    tmp = Files.createDirectories(root.resolve("tmp"));
    String live = server.createDatabase("interrupt_migrate", null);
    Path dir = migrations("V1__slow.sql", SLOW_MIGRATION);
    try {
      ChildProcess cli =
          drydock(
              "migrate",
              "--progress",
              "--url",
              server.url(live),
              "--user",
              "postgres",
              "--migrations",
              dir.toString());
      try (cli) {
        cli.awaitOutput("applying V1__slow.sql", Duration.ofSeconds(60));
        Thread.sleep(500);

        // when
        cli.signal("INT");

        // then: the CLI is gone, and once the server sees that, nothing of V1 is there
        assertThat(cli.awaitExit(Duration.ofSeconds(30))).isEqualTo(130);
      }
      awaitNoOtherSession(server, live);
      try (Connection c = server.connect(live);
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "select (select count(*) from flyway_schema_history),"
                      + " to_regclass('public.slow') is null")) {
        rs.next();
        assertThat(rs.getInt(1)).as("history rows").isZero();
        assertThat(rs.getBoolean(2)).as("table slow absent").isTrue();
      }
      // and the next migrate applies it normally
      Files.writeString(dir.resolve("V1__slow.sql"), "create table slow (id int);\n");
      Cli.Result again =
          Cli.run(
              Map.of(),
              "migrate",
              "--url",
              server.url(live),
              "--user",
              "postgres",
              "--migrations",
              dir.toString());
      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(again.out()).contains("Applied 1 migration to ");
    } finally {
      server.dropDatabase(live);
    }
  }

  @Test
  void ctrlCDuringMigrateCancelsTheRunningStatementOnTheServer(TestServer server) throws Exception {
    tmp = Files.createDirectories(root.resolve("tmp"));
    String live = server.createDatabase("interrupt_cancel", null);
    Path dir = migrations("V1__sleepy.sql", "select pg_sleep(120);\n");
    try {
      ChildProcess cli =
          drydock(
              "migrate",
              "--progress",
              "--url",
              server.url(live),
              "--user",
              "postgres",
              "--migrations",
              dir.toString());
      try (cli) {
        cli.awaitOutput("applying V1__sleepy.sql", Duration.ofSeconds(60));
        Thread.sleep(1000);

        cli.signal("INT");

        assertThat(cli.awaitExit(Duration.ofSeconds(30))).isEqualTo(130);
        assertThat(cli.output())
            .contains(
                "drydock: interrupted while applying "
                    + dir.resolve("V1__sleepy.sql")
                    + "; the running statement was cancelled on the server");
      }
      // without the cancel, pg_sleep(120) runs on for two minutes after the CLI is gone
      assertThat(activeStatements(server, live, Duration.ofSeconds(3))).isZero();
    } finally {
      server.dropDatabase(live);
    }
  }

  @Test
  void ctrlCDuringANonTransactionalMigrationNamesItAsPossiblyHalfApplied(TestServer server)
      throws Exception {
    tmp = Files.createDirectories(root.resolve("tmp"));
    String live = server.createDatabase("interrupt_concurrently", null);
    Path dir = migrations("V1__items.sql", "create table items (id int, name text);\n");
    Files.writeString(
        dir.resolve("V2__items_name.sql"),
        "create index concurrently items_name on items (name);\nselect pg_sleep(120);\n");
    try {
      ChildProcess cli =
          drydock(
              "migrate",
              "--progress",
              "--url",
              server.url(live),
              "--user",
              "postgres",
              "--migrations",
              dir.toString(),
              "--flyway",
              "postgresql.transactional.lock=false",
              "--flyway",
              "mixed=true");
      try (cli) {
        cli.awaitOutput("applying V2__items_name.sql", Duration.ofSeconds(60));
        Thread.sleep(1500);

        cli.signal("INT");

        assertThat(cli.awaitExit(Duration.ofSeconds(30))).isEqualTo(130);
        assertThat(cli.output())
            .contains(
                "drydock: "
                    + dir.resolve("V2__items_name.sql")
                    + " runs outside a transaction and may be half-applied (not recorded in the"
                    + " history): check what it created");
      }
      assertThat(activeStatements(server, live, Duration.ofSeconds(3))).isZero();
    } finally {
      server.dropDatabase(live);
    }
  }

  /** Active statements of other sessions on {@code database}, once none or {@code wait} is up. */
  private static int activeStatements(TestServer server, String database, Duration wait)
      throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      try (Connection c = server.connect(database);
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "select count(*) from pg_stat_activity where datname = current_database()"
                      + " and pid <> pg_backend_pid() and state = 'active'")) {
        rs.next();
        int active = rs.getInt(1);
        if (active == 0 || System.nanoTime() > deadline) {
          return active;
        }
      }
      Thread.sleep(100);
    }
  }

  private static void awaitNoOtherSession(TestServer server, String database) throws Exception {
    for (int i = 0; i < 150; i++) {
      try (Connection c = server.connect(database);
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "select count(*) from pg_stat_activity where datname = current_database()"
                      + " and pid <> pg_backend_pid()")) {
        rs.next();
        if (rs.getInt(1) == 0) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the interrupted CLI's session is still open on " + database);
  }

  private void assertNothingLeft(ChildProcess cli) throws Exception {
    assertThat(cli.output()).as("stack traces after the signal").doesNotContain("Exception");
    assertThat(ChildProcess.awaitNoProcessMentioning(tmp, Duration.ofSeconds(10)))
        .as("processes started under %s\n%s", tmp, cli.tail())
        .isEmpty();
    assertThat(ChildProcess.entries(tmp)).as("server directories").isEmpty();
    if (output != null) {
      assertThat(ChildProcess.entries(output.getParent()))
          .as("output and its staging siblings")
          .containsExactly("jooq");
      assertThat(FileContents.of(output)).as("previous sources").isEqualTo(previous);
    }
  }
}
