package dev.drydock.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.lint.report.JsonReport;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.SnapshotCache;
import dev.drydock.snapshot.SnapshotSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The observation kept with the prefix's snapshot: differential against the uncached lint on
 * randomized migration sets, and every input it depends on makes it miss.
 */
class KeptObservationTest {

  private static final String KEPT = "observation kept from an earlier run";

  @TempDir Path project;
  private final Path cache = LintTestCache.dir();

  /** Statements a random new migration is drawn from: dangerous and safe forms of each rule. */
  private static final List<String> NEW_STATEMENTS =
      List.of(
          "ALTER TABLE t%d ALTER COLUMN n TYPE bigint;",
          "ALTER TABLE t%d ADD COLUMN c%d timestamptz DEFAULT now();",
          "ALTER TABLE t%d ADD COLUMN c%d int DEFAULT 7;",
          "ALTER TABLE t%d ALTER COLUMN n SET NOT NULL;",
          "CREATE INDEX i%2$d ON t%1$d (n);",
          "ALTER TABLE t%d ADD CONSTRAINT k%d CHECK (n > -1);",
          "ALTER TABLE t%d ADD CONSTRAINT k%d CHECK (n > -1) NOT VALID;",
          // its own column, and IF EXISTS: a second drop, or a later statement on s, stays valid
          "ALTER TABLE t%d DROP COLUMN IF EXISTS d;",
          "SET lock_timeout = '2s';",
          "CREATE TABLE fresh%2$d (id int PRIMARY KEY);",
          "ALTER TABLE t%d ALTER COLUMN s TYPE varchar(80);",
          "-- drydock:allow table-rewrite reviewed\nALTER TABLE t%d ALTER COLUMN n TYPE numeric;");

  @Test
  void givenRandomMigrationSetsTheKeptObservationGivesTheUncachedReport() throws Exception {
    SnapshotCache.at(cache).clear();
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 0; round < 3; round++) {
      // given a random prefix of 1..3 tables and a random new migration on top of it
      clear(project);
      int tables = 1 + random.nextInt(3);
      for (int t = 1; t <= tables; t++) {
        Files.writeString(
            project.resolve("V" + t + "__t" + t + ".sql"),
            "CREATE TABLE t"
                + t
                + " (id int PRIMARY KEY, n int, s varchar(20), d int);\n"
                + "INSERT INTO t"
                + t
                + " SELECT g, g, 'x', g FROM generate_series(1, "
                + random.nextInt(50)
                + ") g;\n");
      }
      StringBuilder sql = new StringBuilder();
      int statements = 1 + random.nextInt(4);
      for (int i = 0; i < statements; i++) {
        int t = 1 + random.nextInt(tables);
        String form = NEW_STATEMENTS.get(random.nextInt(NEW_STATEMENTS.size()));
        sql.append(String.format(form, t, t * 100 + i * 10 + round)).append('\n');
      }
      Path newest = project.resolve("V" + (tables + 1) + "__new.sql");
      Files.writeString(newest, sql.toString());
      String why = "seed " + seed + ", round " + round + ", migration:\n" + sql;

      // when it is linted without any cache, then twice with the snapshot cache
      LintReport uncached = lint(SnapshotSettings.disabled(), Map.of());
      LintReport first = lint(SnapshotSettings.defaults(), Map.of());
      LintReport kept = lint(SnapshotSettings.defaults(), Map.of());

      // then the second used the kept observation, and all three say the same
      assertThat(first.startedFrom()).as(why).doesNotContain(KEPT);
      assertThat(kept.startedFrom()).as(why).isEqualTo("snapshot V1, " + KEPT);
      assertThat(comparable(kept)).as(why).isEqualTo(comparable(uncached));
      assertThat(comparable(first)).as(why).isEqualTo(comparable(uncached));
    }
  }

  @Test
  void givenAKeptObservationAnyChangeOfWhatItDependsOnMissesIt() throws Exception {
    // given V1 and V2 (with a placeholder) linted once, so that its observation is kept
    SnapshotCache.at(cache).clear();
    Files.writeString(
        project.resolve("V1__t.sql"),
        "CREATE TABLE t (id int PRIMARY KEY, n int);\nINSERT INTO t VALUES (1, 1);\n");
    Files.writeString(
        project.resolve("V2__widen.sql"), "ALTER TABLE t ALTER COLUMN n TYPE ${type};\n");
    Map<String, String> bigint = Map.of("type", "bigint");
    lint(SnapshotSettings.defaults(), bigint);
    assertThat(lint(SnapshotSettings.defaults(), bigint).startedFrom()).contains(KEPT);

    // when any input changes, then the kept observation is not used, and what is observed is
    // what an uncached lint observes
    List<Change> changes = new ArrayList<>();
    changes.add(new Change("placeholder", Map.of("type", "numeric"), p -> {}));
    changes.add(
        new Change(
            "new migration's bytes",
            bigint,
            p -> write(p.resolve("V2__widen.sql"), "ALTER TABLE t ALTER COLUMN n TYPE ${type}; ")));
    changes.add(
        new Change(
            "new migration's .conf",
            bigint,
            p -> write(p.resolve("V2__widen.sql.conf"), "executeInTransaction=false\n")));
    changes.add(
        new Change(
            "prefix migration's bytes",
            bigint,
            p ->
                write(
                    p.resolve("V1__t.sql"),
                    "CREATE TABLE t (id int PRIMARY KEY, n int);\nINSERT INTO t VALUES (2, 2);\n")));
    changes.add(
        new Change(
            "a repeatable migration",
            bigint,
            p ->
                write(p.resolve("R__view.sql"), "CREATE OR REPLACE VIEW v AS SELECT 1 AS one;\n")));
    changes.add(
        new Change(
            "another new migration",
            bigint,
            p -> write(p.resolve("V3__index.sql"), "CREATE INDEX t_n ON t (n);\n")));
    for (Change change : changes) {
      change.apply().accept(project);
      LintReport changed = lint(SnapshotSettings.defaults(), change.placeholders());
      assertThat(changed.startedFrom()).as(change.what()).doesNotContain(KEPT);
      assertThat(comparable(changed))
          .as(change.what())
          .isEqualTo(comparable(lint(SnapshotSettings.disabled(), change.placeholders())));
      // and the changed inputs' own observation is kept in turn
      assertThat(lint(SnapshotSettings.defaults(), change.placeholders()).startedFrom())
          .as(change.what())
          .contains(KEPT);
    }
  }

  @Test
  void givenADamagedKeptObservationTheNextLintObservesAgainAndReportsTheSame() throws Exception {
    // given V2 linted once, its observation kept, then every kept file damaged (one byte changed)
    SnapshotCache.at(cache).clear();
    Files.writeString(
        project.resolve("V1__t.sql"),
        "CREATE TABLE t (id int PRIMARY KEY, n int);\nINSERT INTO t VALUES (1, 1);\n");
    Files.writeString(
        project.resolve("V2__widen.sql"), "ALTER TABLE t ALTER COLUMN n TYPE bigint;\n");
    LintReport first = lint(SnapshotSettings.defaults(), Map.of());
    List<Path> kept;
    try (var files = Files.walk(SnapshotCache.at(cache).directory())) {
      kept = files.filter(f -> f.getFileName().toString().startsWith("kept-")).toList();
    }
    assertThat(kept).hasSize(1);
    String text = Files.readString(kept.get(0));
    Files.writeString(kept.get(0), text.replace("bigint", "bigin7"));

    // when V2 is linted again
    LintReport again = lint(SnapshotSettings.defaults(), Map.of());

    // then the damaged observation is not used: observed again, with the same report
    assertThat(again.startedFrom()).isEqualTo("snapshot V1");
    assertThat(comparable(again)).isEqualTo(comparable(first));
    assertThat(again.of("table-rewrite"))
        .extracting(f -> f.where())
        .containsExactly("V2__widen.sql:1");
  }

  private record Change(String what, Map<String, String> placeholders, Consumer<Path> apply) {}

  private LintReport lint(SnapshotSettings snapshots, Map<String, String> placeholders)
      throws Exception {
    return Lint.configure()
        .provider(
            ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cache).build())
        .snapshots(snapshots)
        .migrations(Migrations.configure().location(project).placeholders(placeholders).build())
        .newMigrations(NewMigrations.since("1"))
        .build()
        .run();
  }

  /** The report as JSON, less where the throwaway started from. */
  private String comparable(LintReport report) {
    return JsonReport.render(report).replaceAll("\"startedFrom\"\\s*:\\s*\"[^\"]*\"", "");
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void clear(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
  }
}
