package dev.drydock.bench;

import dev.drydock.bench.corpus.MigrationFile;
import dev.drydock.cli.Drydock;
import dev.drydock.codegen.CodeGeneration;
import dev.drydock.codegen.GenerationResult;
import dev.drydock.files.FileTrees;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ThrowawayDatabase;
import dev.drydock.snapshot.SnapshotCache;
import dev.drydock.snapshot.SnapshotSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code snapshots} section's measurements on one {@link SnapshotSubject}: a warm-up round,
 * then {@code rounds} rounds, each with its own fresh cache directory (so rounds are independent),
 * in which every operation of {@link Op} runs once, in that order: each measured operation next to
 * its baseline, so a load spike hits both.
 */
final class SnapshotRounds {

  /** What is timed each round, in the order it runs; baselines have snapshots disabled. */
  enum Op {
    FULL_PREFIX("generate N, snapshots disabled (baseline of cold)"),
    COLD_FINAL_ONLY(
        "generate N, snapshots on with `interval(0)` (final state only), empty snapshot cache"),
    COLD_PREFIX("generate N, snapshots on (defaults), empty snapshot cache (cold)"),
    FULL_ALL("generate N+1, snapshots disabled (baseline of one added)"),
    ADDED("generate N+1 from the snapshot of N (one migration added)"),
    DIFF_NO_SNAPSHOTS("`drydock diff --no-snapshots` (baseline of unchanged)"),
    DIFF_AFTER_GENERATE("`drydock diff` next, the cache as generate N+1 left it"),
    DIFF_WARM("`drydock diff` again (unchanged, warm cache)");

    final String label;

    Op(String label) {
      this.label = label;
    }
  }

  /**
   * The samples of one subject.
   *
   * @param times per operation, milliseconds, one per round
   * @param applied per operation, the migrations Flyway applied in each round (where known)
   * @param prime per round, the time to fill the fresh cache with the binaries and the initdb
   *     cluster (before any operation; part of no ratio)
   * @param lastCache the last round's cache directory, kept for the disk use and the anatomy
   */
  record Samples(
      Map<Op, List<Double>> times,
      Map<Op, List<Integer>> applied,
      List<Double> prime,
      Path lastCache) {

    Stats stats(Op op) {
      return Stats.of(times.get(op));
    }

    /** Per-round ratio of {@code op} to {@code baseline}: the ratios survive load drift. */
    Stats ratio(Op op, Op baseline) {
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < times.get(op).size(); i++) {
        ratios.add(times.get(op).get(i) / times.get(baseline).get(i));
      }
      return Stats.of(ratios);
    }
  }

  private static final String LIVE_PASSWORD_VARIABLE = "DRYDOCK_BENCH_LIVE_PASSWORD";

  /** What {@code drydock diff --verbose} says it started from and applied. */
  private static final Pattern STARTED_FROM =
      Pattern.compile("from (?:empty cluster|snapshot [^,]+), (\\d+) migration\\(s\\) applied");

  private final SnapshotSubject subject;
  private final int rounds;
  private final Path work;
  private final Consumer<String> progress;

  SnapshotRounds(SnapshotSubject subject, int rounds, Path work, Consumer<String> progress) {
    this.subject = subject;
    this.rounds = rounds;
    this.work = work;
    this.progress = progress;
  }

  Samples run() throws Exception {
    Path prefix =
        MigrationFile.writeFirst(subject.files(), subject.prefix(), work.resolve("migrations-n"));
    Path all = MigrationFile.writeFirst(subject.files(), subject.all(), work.resolve("migrations"));
    Map<Op, List<Double>> times = new EnumMap<>(Op.class);
    Map<Op, List<Integer>> applied = new EnumMap<>(Op.class);
    List<Double> prime = new ArrayList<>();
    Path cache = null;
    try (ThrowawayDatabase live = ThrowawayDatabase.start(subject.provider(work.resolve("live")))) {
      Migrations.configure().location(all).build().migrate(live.dataSource());
      progress.accept("snapshots: " + subject.label() + ": live database " + live.description());
      for (int round = 0; round <= rounds; round++) {
        boolean warmUp = round == 0;
        if (cache != null) {
          FileTrees.deleteQuietly(cache);
        }
        cache = Files.createDirectories(work.resolve("cache-" + round));
        long t = System.nanoTime();
        ThrowawayDatabase.start(subject.provider(cache)).close();
        double primed = millisSince(t);
        Map<Op, Double> sample = new EnumMap<>(Op.class);
        for (Op op : Op.values()) {
          if (op == Op.COLD_PREFIX) {
            SnapshotCache.at(cache).clear(); // what COLD_FINAL_ONLY saved
          }
          t = System.nanoTime();
          Integer count = runOp(op, prefix, all, cache, live, round);
          sample.put(op, millisSince(t));
          if (!warmUp && count != null) {
            applied.computeIfAbsent(op, k -> new ArrayList<>()).add(count);
          }
        }
        progress.accept(
            "snapshots: "
                + subject.label()
                + (warmUp ? ": warm-up round" : ": round " + round + "/" + rounds)
                + " "
                + sample.values().stream().map(Math::round).toList()
                + " ms");
        if (!warmUp) {
          prime.add(primed);
          sample.forEach((op, ms) -> times.computeIfAbsent(op, k -> new ArrayList<>()).add(ms));
        }
      }
    }
    return new Samples(times, applied, prime, cache);
  }

  /**
   * Runs one operation; returns the migrations Flyway applied (generate; diff as its {@code
   * --verbose} line says), null when not known.
   */
  private Integer runOp(
      Op op, Path prefix, Path all, Path cache, ThrowawayDatabase live, int round) {
    Path out = work.resolve("out-" + round + "-" + op.name().toLowerCase(java.util.Locale.ROOT));
    return switch (op) {
      case FULL_PREFIX -> generate(prefix, cache, out, SnapshotSettings.disabled());
      case COLD_FINAL_ONLY ->
          generate(prefix, cache, out, SnapshotSettings.configure().interval(0).build());
      case COLD_PREFIX -> generate(prefix, cache, out, SnapshotSettings.defaults());
      case FULL_ALL -> generate(all, cache, out, SnapshotSettings.disabled());
      case ADDED -> generate(all, cache, out, SnapshotSettings.defaults());
      case DIFF_NO_SNAPSHOTS -> diff(all, cache, live, true);
      case DIFF_AFTER_GENERATE, DIFF_WARM -> diff(all, cache, live, false);
    };
  }

  /** {@code CodeGeneration}, forced past the no-op fingerprint, as a changed build runs it. */
  private int generate(Path migrations, Path cache, Path out, SnapshotSettings snapshots) {
    GenerationResult result =
        CodeGeneration.configure()
            .migrations(Migrations.configure().location(migrations).build())
            .packageName(subject.packageName())
            .outputDirectory(out)
            .provider(subject.provider(cache))
            .snapshots(snapshots)
            .force(true)
            .build()
            .run();
    FileTrees.deleteQuietly(out);
    return result.migrationsApplied();
  }

  /**
   * {@code drydock diff} in-process through picocli, as a user runs it; the live database was
   * migrated from the same files, so anything but exit code 0 (no drift) is a failure.
   */
  private Integer diff(Path migrations, Path cache, ThrowawayDatabase live, boolean noSnapshots) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "diff",
            "--url",
            live.jdbcUrl(),
            "--user",
            live.user(),
            "--migrations",
            migrations.toString(),
            "--provider",
            "embedded",
            "--quiet",
            "--verbose"));
    if (!live.password().isEmpty()) {
      args.addAll(List.of("--password-env", LIVE_PASSWORD_VARIABLE));
    }
    if (subject.postgresBinaries() != null) {
      args.addAll(List.of("--postgres-binaries", subject.postgresBinaries().toString()));
    }
    if (noSnapshots) {
      args.add("--no-snapshots");
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String previous = System.getProperty("drydock.cache");
    // the CLI finds its cache as users' builds do: -Ddrydock.cache, else $DRYDOCK_CACHE, ...
    System.setProperty("drydock.cache", cache.toString());
    int code;
    try {
      var cli = Drydock.commandLine(new Drydock(Map.of(LIVE_PASSWORD_VARIABLE, live.password())));
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));
      code = cli.execute(args.toArray(String[]::new));
    } finally {
      if (previous == null) {
        System.clearProperty("drydock.cache");
      } else {
        System.setProperty("drydock.cache", previous);
      }
    }
    if (code != 0) {
      throw new IllegalStateException(
          "drydock diff "
              + (noSnapshots ? "--no-snapshots " : "")
              + "on "
              + subject.label()
              + " exited "
              + code
              + " (expected 0, no drift): "
              + err
              + out);
    }
    Matcher from = STARTED_FROM.matcher(err.toString());
    return from.find() ? Integer.parseInt(from.group(1)) : null;
  }

  private static double millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e6;
  }
}
