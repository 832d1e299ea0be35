package dev.drydock.bench;

import dev.drydock.bench.corpus.HistoryCorpus;
import dev.drydock.bench.corpus.MigrationFile;
import dev.drydock.cli.Drydock;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ThrowawayDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code draft} section (issue 27): {@code drydock draft} on the generated history of 200
 * migrations with a warm snapshot cache, against {@code drydock diff} of the same migrations with
 * the same cache, in the same rounds. The desired state is one file: the 200 migrations' SQL in
 * order plus one new table with an index (so the draft has something to write and prove), drafted
 * unchanged every round (warm: what the first round kept is used), and the same with a table new in
 * each round (cold proof: loaded and proven again). Target: warm draft ÷ diff ≤ 2x.
 */
final class DraftSection implements Section {

  static final double TARGET = 2.0;
  private static final String LIVE_PASSWORD = "DRYDOCK_BENCH_LIVE_PASSWORD";

  private final int rounds;
  private final Path work;
  private final Consumer<String> progress;

  DraftSection(Map<String, String> options, Path work, Consumer<String> progress) {
    this.rounds = Integer.parseInt(options.getOrDefault("draft-rounds", "3"));
    this.work = work;
    this.progress = progress;
  }

  @Override
  public String run() throws Exception {
    String load = Machine.sectionLoad();
    List<MigrationFile> files = HistoryCorpus.configure().migrations(200).seed(15).build().files();
    Path migrations =
        MigrationFile.writeFirst(files, files.size(), work.resolve("draft-migrations"));
    Path schema = Files.createDirectories(work.resolve("draft-schema"));
    StringBuilder desired = new StringBuilder();
    files.forEach(f -> desired.append(f.sql()).append("\n;\n"));
    desired.append("CREATE TABLE bench_added (id bigint PRIMARY KEY, note text);\n");
    desired.append("CREATE INDEX bench_added_note_idx ON bench_added (note);\n");
    Files.writeString(schema.resolve("schema.sql"), desired);
    Path cache = Files.createDirectories(work.resolve("draft-cache"));
    Path cold = Files.createDirectories(work.resolve("draft-schema-cold"));
    List<Double> diffs = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    List<Double> colds = new ArrayList<>();
    List<Double> warmRatios = new ArrayList<>();
    List<Double> coldRatios = new ArrayList<>();
    List<Double> newDiffs = new ArrayList<>();
    List<Double> coldToNewRatios = new ArrayList<>();
    Path newest = migrations.resolve(files.get(files.size() - 1).name());
    String original = Files.readString(newest);
    String anatomy;
    try (ThrowawayDatabase live =
        ThrowawayDatabase.start(Corpus.SEED.provider(work.resolve("draft-live")))) {
      Migrations.configure().location(migrations).build().migrate(live.dataSource());
      for (int round = 0; round <= rounds; round++) {
        // round 0 warms the cache (snapshot, kept catalogs) and the JIT; not counted. Each round
        // drafts a desired state with a change of its own too: nothing kept for it (cold proof)
        Files.writeString(
            cold.resolve("schema.sql"),
            desired + "CREATE TABLE bench_round_" + round + " (id bigint PRIMARY KEY);\n");
        long t = System.nanoTime();
        run(cache, live, diffArgs(live, migrations));
        double diff = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        run(cache, live, draftArgs(migrations, schema, true));
        double draft = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        run(cache, live, draftArgs(migrations, cold, true));
        double coldDraft = (System.nanoTime() - t) / 1e6;
        // a diff that starts a server too: the last migration edited (a comment), so it starts
        // from the snapshot before it and applies it; then put back, so the next round is warm
        Files.writeString(newest, original + "\n-- edit " + round + "\n");
        t = System.nanoTime();
        run(cache, live, diffArgs(live, migrations));
        double newDiff = (System.nanoTime() - t) / 1e6;
        Files.writeString(newest, original);
        progress.accept(
            "draft: round "
                + round
                + ": diff "
                + Math.round(diff)
                + " ms, draft (warm) "
                + Math.round(draft)
                + " ms, draft (cold proof) "
                + Math.round(coldDraft)
                + " ms, diff (last migration edited) "
                + Math.round(newDiff)
                + " ms");
        if (round > 0) {
          diffs.add(diff);
          warm.add(draft);
          colds.add(coldDraft);
          warmRatios.add(draft / diff);
          coldRatios.add(coldDraft / diff);
          newDiffs.add(newDiff);
          coldToNewRatios.add(coldDraft / newDiff);
        }
      }
      // one more cold draft, its progress lines kept: where its time goes
      Files.writeString(
          cold.resolve("schema.sql"),
          desired + "CREATE TABLE bench_anatomy (id bigint PRIMARY KEY);\n");
      anatomy = run(cache, live, draftArgs(migrations, cold, false));
    }
    Stats ratio = Stats.of(warmRatios);
    StringBuilder r = new StringBuilder("## drydock draft (issue 27)\n\n").append(load);
    r.append(
            "Generated history of 200 migrations (HistoryCorpus, seed 15), PostgreSQL 17, embedded")
        .append(" provider, one cache warmed by a first round (not counted). Each round: `drydock")
        .append(" diff` against a live database migrated from the same files; `drydock draft")
        .append(" --dry-run` of a desired state that is those 200 migrations' SQL in one file plus")
        .append(" a new table and index, unchanged since the first round (warm: the desired")
        .append(" state's catalog and the proof were kept with the migrations' snapshot); and")
        .append(
            " `drydock draft --dry-run` of the same plus a table new in that round (cold proof:")
        .append(" the desired state loaded on a throwaway started from the migrations' snapshot,")
        .append(" the draft proven on a copy of the migrated database); and a `drydock diff` with")
        .append(" the last migration edited (a comment), which also starts a server (from the")
        .append(" snapshot before it) and applies it. Ratios taken within each round.\n\n");
    MarkdownTable t = MarkdownTable.of("measure", "median (min–max, n)");
    t.row("`drydock diff` (warm cache), ms", Stats.of(diffs).millis());
    t.row("`drydock draft --dry-run`, warm, ms", Stats.of(warm).millis());
    t.row("`drydock draft --dry-run`, cold proof, ms", Stats.of(colds).millis());
    t.row("warm draft ÷ diff (target ≤ " + TARGET + "x)", ratio(ratio, true));
    t.row("cold-proof draft ÷ diff", ratio(Stats.of(coldRatios), false));
    t.row(
        "`drydock diff`, last migration edited (starts a server), ms", Stats.of(newDiffs).millis());
    t.row(
        "cold-proof draft ÷ diff with the last migration edited (both start a server)",
        ratio(Stats.of(coldToNewRatios), false));
    r.append(t).append('\n');
    r.append("Where a cold-proof draft's time goes (its progress lines, one run):\n\n```\n")
        .append(anatomy.replace("\u001b[K", "").replace("\r", "").strip())
        .append("\n```\n");
    return r.toString();
  }

  private static String ratio(Stats ratio, boolean target) {
    return String.format(
        java.util.Locale.ROOT,
        "%.2fx (%.2f–%.2f, %d)%s",
        ratio.median(),
        ratio.min(),
        ratio.max(),
        ratio.n(),
        !target ? "" : ratio.median() <= TARGET ? " met" : " NOT met");
  }

  private static String[] diffArgs(ThrowawayDatabase live, Path migrations) {
    return new String[] {
      "diff",
      "--url",
      live.jdbcUrl(),
      "--user",
      live.user(),
      "--password-env",
      LIVE_PASSWORD,
      "--migrations",
      migrations.toString(),
      "--provider",
      "embedded",
      "--quiet"
    };
  }

  private static String[] draftArgs(Path migrations, Path schema, boolean quiet) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "draft",
                "--dry-run",
                "--migrations",
                migrations.toString(),
                "--schema",
                schema.toString(),
                "--provider",
                "embedded"));
    args.add(quiet ? "--quiet" : "--progress");
    return args.toArray(String[]::new);
  }

  /** Runs the CLI in this JVM; returns what it wrote to standard error (its progress). */
  private static String run(Path cache, ThrowawayDatabase live, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String previous = System.getProperty("drydock.cache");
    System.setProperty("drydock.cache", cache.toString());
    int code;
    try {
      var cli = Drydock.commandLine(new Drydock(Map.of(LIVE_PASSWORD, live.password())));
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));
      code = cli.execute(args);
    } finally {
      if (previous == null) {
        System.clearProperty("drydock.cache");
      } else {
        System.setProperty("drydock.cache", previous);
      }
    }
    if (code != 0) {
      throw new IllegalStateException("drydock " + args[0] + " exited " + code + ": " + err + out);
    }
    return err.toString();
  }
}
