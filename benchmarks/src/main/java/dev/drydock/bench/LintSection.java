package dev.drydock.bench;

import dev.drydock.bench.corpus.MigrationFile;
import dev.drydock.cli.Drydock;
import dev.drydock.files.FileTrees;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ThrowawayDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code lint} section (issue 26): {@code drydock lint --url} of the one new migration of the
 * 200-migration history against {@code drydock diff} of the same live database, alternating in each
 * round so a load spike hits both: warm (both have seen the migration: kept catalog, kept
 * observation) and new (the migration edited, so both start from the prefix's snapshot). Target:
 * lint at most 1.5x diff.
 */
final class LintSection implements Section {

  private static final String PASSWORD = "DRYDOCK_BENCH_LIVE_PASSWORD";

  private final int rounds;
  private final Path work;

  LintSection(int rounds, Path work) {
    this.rounds = Math.max(1, rounds);
    this.work = work;
  }

  @Override
  public String run() throws Exception {
    SnapshotSubject subject = SnapshotSubject.named("history");
    Path all = MigrationFile.writeFirst(subject.files(), subject.all(), work.resolve("lint-all"));
    Path prefix =
        MigrationFile.writeFirst(subject.files(), subject.prefix(), work.resolve("lint-prefix"));
    Path cache = Files.createDirectories(work.resolve("lint-cache"));
    Path newest;
    try (var files = Files.list(all)) {
      newest = files.filter(f -> !Files.exists(prefix.resolve(f.getFileName()))).findFirst().get();
    }
    String original = Files.readString(newest);
    List<Double> lint = new ArrayList<>();
    List<Double> diff = new ArrayList<>();
    List<Double> lintNew = new ArrayList<>();
    List<Double> diffNew = new ArrayList<>();
    String lintOutput;
    try (ThrowawayDatabase live = ThrowawayDatabase.start(subject.provider(work.resolve("live")))) {
      // production has N; the new migration N+1 is pending there
      Migrations.configure().location(prefix).build().migrate(live.dataSource());
      // warm-up: fills the cache with what each leaves (diff: N+1's snapshot and catalog; lint:
      // N's snapshot and N+1's observation)
      cli(live, cache, "diff", all);
      lintOutput = cli(live, cache, "lint", all);
      cli(live, cache, "lint", all);
      for (int i = 0; i < rounds; i++) {
        // warm: the same N+1 again (diff: the catalog kept with N+1's snapshot; lint: the
        // observation kept with N's)
        long t = System.nanoTime();
        cli(live, cache, "diff", all);
        diff.add((System.nanoTime() - t) / 1e6);
        t = System.nanoTime();
        cli(live, cache, "lint", all);
        lint.add((System.nanoTime() - t) / 1e6);
        // new: N+1 edited (a comment), so neither has seen it: both start from N's snapshot and
        // apply it (diff also saves the new final state, lint observes it)
        Files.writeString(newest, original + "\n-- edit " + i + "\n");
        t = System.nanoTime();
        cli(live, cache, "diff", all);
        diffNew.add((System.nanoTime() - t) / 1e6);
        t = System.nanoTime();
        cli(live, cache, "lint", all);
        lintNew.add((System.nanoTime() - t) / 1e6);
        Files.writeString(newest, original);
        Machine.progress("lint: round " + (i + 1) + " of " + rounds);
      }
    } finally {
      Files.writeString(newest, original);
      FileTrees.deleteQuietly(cache);
    }
    Stats l = Stats.of(lint);
    Stats d = Stats.of(diff);
    Stats ln = Stats.of(lintNew);
    Stats dn = Stats.of(diffNew);
    return "## lint (issue 26)\n\n"
        + "The one new migration of the "
        + subject.description()
        + ": `drydock lint --url` (live database at N, N+1 pending) against `drydock diff` of the"
        + " same database, in-process, "
        + rounds
        + " alternating rounds. Target: lint ≤ 1.5x diff.\n\n"
        + "- warm: N+1 seen before by both (diff compares with the catalog kept with N+1's"
        + " snapshot, lint reads the observation kept with N's snapshot; neither starts a"
        + " server)\n"
        + "- new: N+1 edited before each round (a comment), so both start from N's snapshot and"
        + " apply it (diff also saves N+1's snapshot, lint observes every statement)\n\n"
        + "| operation | median (min–max) |\n|---|---|\n"
        + "| warm `drydock diff` (baseline) | "
        + d.millis()
        + " |\n| warm `drydock lint` | "
        + l.millis()
        + " |\n| **warm lint / warm diff** | **"
        + l.ratioTo(d)
        + "** |\n| new `drydock diff` (baseline) | "
        + dn.millis()
        + " |\n| new `drydock lint` | "
        + ln.millis()
        + " |\n| **new lint / new diff** | **"
        + ln.ratioTo(dn)
        + "** |\n\nWhat lint said about the new migration:\n\n```\n"
        + lintOutput.strip().replace(all.getParent().toString() + "/", "")
        + "\n```\n\n";
  }

  /** {@code drydock diff} or {@code drydock lint} in-process, as a user runs it. */
  private static String cli(ThrowawayDatabase live, Path cache, String command, Path migrations) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--url",
                live.jdbcUrl(),
                "--user",
                live.user(),
                "--migrations",
                migrations.toString(),
                "--cache-dir",
                cache.toString(),
                "--provider",
                "embedded",
                "--quiet"));
    if (!live.password().isEmpty()) {
      args.addAll(List.of("--password-env", PASSWORD));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Drydock.commandLine(new Drydock(Map.of(PASSWORD, live.password())));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args.toArray(String[]::new));
    // diff: 1 (the pending migration is drift); lint: 0 or 1 (findings)
    if (code > 1) {
      throw new IllegalStateException("drydock " + command + " exited " + code + ": " + err + out);
    }
    return out.toString();
  }
}
