package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.snapshot.SnapshotCache;
import dev.drydock.testing.Fixtures;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock diff} with the embedded throwaway and migration snapshots: a second diff of the
 * same migrations takes the catalog kept with their snapshot and starts no database, and says
 * exactly what a diff without snapshots says.
 */
@ExtendWith(SharedPostgres.class)
class DiffFromSnapshotTest {

  @TempDir static Path cache;
  @TempDir Path migrations;
  private TestServer server;
  private String live;

  @BeforeEach
  void liveDatabaseWithDrift(TestServer shared) throws Exception {
    SnapshotCache.at(cache).clear();
    try (Stream<Path> files = Files.list(Fixtures.resource("drift/base"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, migrations.resolve(f.getFileName()));
      }
    }
    server = shared;
    live = server.createDatabase("snap_live", null);
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
    server.execute(live, "create table hand_made (id int primary key)");
  }

  @AfterEach
  void dropLiveDatabase() {
    server.dropDatabase(live);
  }

  @Test
  void givenUnchangedMigrations_whenDiffedAgain_thenNoDatabaseStartsAndTheReportIsTheSame() {
    Cli.Result first = diff("--verbose");
    Cli.Result second = diff("--verbose");
    Cli.Result withoutSnapshots = diff("--no-snapshots");

    assertThat(first.exitCode()).as(first.all()).isEqualTo(ExitCodes.DRIFT);
    assertThat(first.err()).contains("from empty cluster, ");
    assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.DRIFT);
    assertThat(second.err())
        .contains("the catalog kept with their snapshot (no throwaway database started)")
        .doesNotContain("embedded PostgreSQL");
    assertThat(second.out()).isEqualTo(first.out()).isEqualTo(withoutSnapshots.out());
    assertThat(second.out()).contains("hand_made");
  }

  @Test
  void givenAKeptCatalog_whenTheSqlIsAskedFor_thenItIsTheSqlOfAFullApply() {
    diff();

    Cli.Result fromCatalog = diff("--format", "sql", "--verbose");
    Cli.Result full = diff("--format", "sql", "--no-snapshots");

    assertThat(fromCatalog.err()).contains("no throwaway database started");
    assertThat(fromCatalog.out()).isEqualTo(full.out()).contains("hand_made");
  }

  @Test
  void givenAKeptCatalog_whenAMigrationIsAdded_thenTheThrowawayStartsFromTheSnapshotInstead()
      throws Exception {
    diff();
    Files.writeString(migrations.resolve("V90__extra.sql"), "create table extra (id int);\n");

    Cli.Result next = diff("--verbose");

    assertThat(next.err())
        .doesNotContain("no throwaway database started")
        .contains("from snapshot V")
        .contains(", 1 migration(s) applied");
    assertThat(next.out()).contains("extra").contains("hand_made");
  }

  @Test
  void givenAKeptCatalog_whenOtherSchemasAreAskedFor_thenItIsNotTaken() {
    diff();

    Cli.Result other = diff("--schema", "public", "--verbose");

    assertThat(other.err()).doesNotContain("no throwaway database started");
  }

  private Cli.Result diff(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "diff",
                "--provider",
                "embedded",
                "--cache-dir",
                cache.toString(),
                "--migrations",
                migrations.toString(),
                "--url",
                server.url(live),
                "--user",
                "postgres"));
    args.addAll(List.of(extra));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }
}
