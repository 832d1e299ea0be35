package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.snapshot.SnapshotCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock cache list|clear} on snapshots that real {@code generate} runs (embedded
 * PostgreSQL) saved. The cache (binaries, empty cluster) is shared by the class; each test starts
 * with no snapshots in it.
 */
class CacheCommandTest {

  @TempDir static Path cache;
  @TempDir Path migrations;
  @TempDir Path output;

  @BeforeEach
  void noSnapshots() throws Exception {
    SnapshotCache.at(cache).clear();
    Files.writeString(
        migrations.resolve("V1__items.sql"), "create table items (id int primary key);\n");
    Files.writeString(migrations.resolve("V2__name.sql"), "alter table items add name text;\n");
  }

  @Test
  void givenAnEmptyCache_whenListedAndCleared_thenBothSayThereAreNoSnapshots() {
    Cli.Result list = cache("list");
    Cli.Result clear = cache("clear");

    assertThat(list.exitCode()).as(list.all()).isZero();
    assertThat(list.out())
        .isEqualTo(
            "no snapshots, 0 MB of the 1024 MB limit, in " + cache.resolve("snapshots") + "\n");
    assertThat(clear.exitCode()).as(clear.all()).isZero();
    assertThat(clear.out())
        .isEqualTo("No snapshots to delete in " + cache.resolve("snapshots") + "\n");
  }

  @Test
  void givenAGenerateWithARepeatable_whenListed_thenItsFinalAndVersionedSnapshotsAreListed()
      throws Exception {
    Files.writeString(
        migrations.resolve("R__names.sql"),
        "create or replace view names as select name from items;\n");
    assertThat(generate().exitCode()).isZero();

    Cli.Result list = cache("list");

    // the state before the repeatables is kept too: a changed R__ starts from it
    assertThat(list.exitCode()).as(list.all()).isZero();
    String[] lines = list.out().split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0].split("\\s{2,}"))
        .containsExactly("KEY", "KIND", "MIGRATIONS", "SIZE", "LAST USED", "LOCATION");
    String location = migrations.toAbsolutePath().normalize().toString();
    assertThat(lines[1].split("\\s{2,}"))
        .satisfies(row -> assertThat(row[0]).matches("[0-9a-f]{12}"))
        .satisfies(row -> assertThat(row[3]).matches("\\d+\\.\\d MB"))
        .containsSubsequence("final", "V1..V2 + 1 repeatable")
        .endsWith("just now", location);
    assertThat(lines[2].split("\\s{2,}"))
        .hasSize(6)
        .containsSubsequence("prefix", "V1..V2")
        .endsWith("just now", location);
    assertThat(lines[3])
        .matches("2 snapshots, \\d+\\.\\d MB of the 1024 MB limit, in .*")
        .endsWith("in " + cache.resolve("snapshots"));
  }

  @Test
  void givenAGenerate_whenListedAsJson_thenTheSnapshotHasItsKeyRangeAndSize() throws Exception {
    assertThat(generate().exitCode()).isZero();

    Cli.Result list = cache("list", "--format", "json", "--snapshot-cache-limit", "512M");

    assertThat(list.exitCode()).as(list.all()).isZero();
    JsonNode json = new ObjectMapper().readTree(list.out());
    assertThat(json.get("version").asInt()).isEqualTo(1);
    assertThat(json.get("directory").asText()).isEqualTo(cache.resolve("snapshots").toString());
    assertThat(json.get("limitBytes").asLong()).isEqualTo(512L << 20);
    assertThat(json.get("snapshots")).hasSize(1);
    JsonNode s = json.get("snapshots").get(0);
    assertThat(s.get("key").asText()).matches("[0-9a-f]{32}");
    assertThat(s.get("kind").asText()).isEqualTo("final");
    assertThat(s.get("migrations").asText()).isEqualTo("V1..V2");
    assertThat(s.get("versioned").asInt()).isEqualTo(2);
    assertThat(s.get("sizeBytes").asLong()).isPositive().isEqualTo(json.get("totalBytes").asLong());
    assertThat(Duration.between(Instant.parse(s.get("lastUsed").asText()), Instant.now()))
        .isLessThan(Duration.ofMinutes(5));
    assertThat(s.get("location").asText())
        .isEqualTo(migrations.toAbsolutePath().normalize().toString());
  }

  @Test
  void givenASnapshot_whenCleared_thenNoneIsLeftAndTheNextGenerateAppliesEverything()
      throws Exception {
    Cli.Result first = generate();
    Cli.Result fromSnapshot = generate("--force");
    assertThat(first.err()).doesNotContain("Started from the snapshot");
    assertThat(fromSnapshot.err()).contains("Started from the snapshot of V1..V2");
    assertThat(fromSnapshot.out()).contains("from 2 migrations").contains("(2 from a snapshot)");

    Cli.Result clear = cache("clear");
    Cli.Result list = cache("list");
    Cli.Result again = generate("--force");

    assertThat(clear.exitCode()).as(clear.all()).isZero();
    assertThat(clear.out())
        .matches("Deleted 1 snapshot, \\d+\\.\\d MB freed, in .*\n")
        .endsWith("in " + cache.resolve("snapshots") + "\n");
    assertThat(list.out()).startsWith("no snapshots, 0 MB");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.err())
        .doesNotContain("Started from the snapshot")
        .contains("(from empty cluster)");
    assertThat(again.out()).contains("from 2 migrations").doesNotContain("from a snapshot");
  }

  @Test
  void givenNoSnapshots_whenGenerating_thenNothingIsSaved() {
    Cli.Result result = generate("--no-snapshots");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.err()).doesNotContain("Saved the snapshot");
    assertThat(SnapshotCache.at(cache).list()).isEmpty();
    assertThat(cache("list").out()).startsWith("no snapshots");
  }

  @Test
  void givenAMalformedLimit_whenGenerating_thenExitsTwoNamingIt() {
    Cli.Result result = generate("--snapshot-cache-limit", "12X");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo(
            "drydock: --snapshot-cache-limit: Invalid snapshot cache limit '12X': expected bytes"
                + " or a number with K, M, G or T, e.g. 512M or 2G\n");
  }

  @Test
  void givenNoSubcommand_whenCacheRuns_thenExitsTwoAskingForOne() {
    Cli.Result result = Cli.run(Map.of(), "cache");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONNECTION);
    assertThat(result.err())
        .isEqualTo("drydock: Missing required subcommand (try 'drydock cache --help')\n");
  }

  // --- fixtures

  private Cli.Result cache(String subcommand, String... more) {
    List<String> args =
        new ArrayList<>(List.of("cache", subcommand, "--cache-dir", cache.toString()));
    args.addAll(List.of(more));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }

  private Cli.Result generate(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "generate",
                "--migrations",
                migrations.toString(),
                "--package",
                "com.example.db",
                "--output",
                output.toString(),
                "--provider",
                "embedded",
                "--cache-dir",
                cache.toString(),
                "--progress"));
    args.addAll(List.of(more));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }
}
