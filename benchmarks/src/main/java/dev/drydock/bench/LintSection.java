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
 * 200-migration history against {@code drydock diff} of the same live database, both with a warm
 * snapshot cache, alternating in each round so a load spike hits both. Target: lint at most 1.5x
 * diff.
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
    List<Double> lint = new ArrayList<>();
    List<Double> diff = new ArrayList<>();
    String lintOutput;
    try (ThrowawayDatabase live = ThrowawayDatabase.start(subject.provider(work.resolve("live")))) {
      // production has N; the new migration N+1 is pending there
      Migrations.configure().location(prefix).build().migrate(live.dataSource());
      // warm-up: fills the cache with what each leaves (diff: N+1's snapshot and catalog; lint:
      // N's snapshot)
      cli(live, cache, "diff", all);
      lintOutput = cli(live, cache, "lint", all);
      for (int i = 0; i < rounds; i++) {
        long t = System.nanoTime();
        cli(live, cache, "diff", all);
        diff.add((System.nanoTime() - t) / 1e6);
        t = System.nanoTime();
        cli(live, cache, "lint", all);
        lint.add((System.nanoTime() - t) / 1e6);
        Machine.progress("lint: round " + (i + 1) + " of " + rounds);
      }
    } finally {
      FileTrees.deleteQuietly(cache);
    }
    Stats l = Stats.of(lint);
    Stats d = Stats.of(diff);
    return "## lint (issue 26)\n\n"
        + "The one new migration of the "
        + subject.description()
        + ": `drydock lint --url` (live database at N, N+1 pending) against `drydock diff` of the"
        + " same database, warm snapshot cache, "
        + rounds
        + " alternating rounds. Target: lint ≤ 1.5x diff.\n\n"
        + "| operation | median (min–max) |\n|---|---|\n"
        + "| `drydock diff` (baseline) | "
        + d.millis()
        + " |\n| `drydock lint` | "
        + l.millis()
        + " |\n| **lint / diff** | **"
        + l.ratioTo(d)
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
