package dev.drydock.bench;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code builds} section: the {@code drydock:generate} goal through real {@code mvn} processes
 * in a {@link MavenSandbox} (seed schema: {@code generated-module}; Pagila: a small fixture
 * project), scenarios cold / warm / no-op against the same build with the goal skipped, interleaved
 * round by round so load drifts hit every scenario alike.
 */
final class BuildsSection implements Section {

  private static final List<String> SCENARIOS = List.of("cold", "warm", "no-op", "goal skipped");

  private final BenchOptions options;
  private final Path work;
  private final BenchResults results;

  BuildsSection(BenchOptions options, Path work, BenchResults results) {
    this.options = options;
    this.work = work;
    this.results = results;
  }

  /** Samples per scenario of one schema. */
  private static final class Samples {
    final Map<String, List<Double>> build = new LinkedHashMap<>();
    final Map<String, List<Double>> goal = new LinkedHashMap<>();
    final Map<String, Boolean> started = new LinkedHashMap<>();

    void record(String scenario, MavenSandbox.MvnRun run) {
      build.computeIfAbsent(scenario, k -> new ArrayList<>()).add(run.wallMillis());
      run.goalMillis()
          .ifPresent(g -> goal.computeIfAbsent(scenario, k -> new ArrayList<>()).add(g));
      started.merge(scenario, run.startedDatabase(), Boolean::logicalOr);
    }
  }

  @Override
  public String run() throws IOException, InterruptedException {
    MavenSandbox sandbox = MavenSandbox.create(options, work);
    StringBuilder md = new StringBuilder();
    md.append("## Pull workflow through the Maven goal\n\n")
        .append(Machine.sectionLoad())
        .append("Each sample is one `mvn -o package -Dmaven.test.skip=true` process on a temporary")
        .append(" copy of the project, the plugin taken from the reactor build (`")
        .append(sandbox.version())
        .append("`). Scenarios run interleaved, round by round. Build = wall time of the whole mvn")
        .append(" process; goal = the time the goal logs itself (`[drydock] … [NN ms]`).")
        .append(" Baselines: the same build with `-Ddrydock.skip` (so build − skipped = the goal's")
        .append(
            " share of the build), and the hand-written pipeline in a fresh JVM (JMH below).\n\n");
    MarkdownTable table =
        MarkdownTable.of(
            "schema",
            "scenario",
            "build",
            "× build with goal skipped",
            "goal's share of the build",
            "goal (logged)",
            "goal ÷ hand-written (fresh JVM)",
            "database started");
    for (Corpus corpus : options.corpora()) {
      Samples samples = measure(sandbox, corpus);
      Stats skipped = Stats.of(samples.build.get("goal skipped"));
      Stats hand = results.handWrittenFresh(corpus);
      Map<String, Stats> buildStats = new LinkedHashMap<>();
      Map<String, Stats> goalStats = new LinkedHashMap<>();
      for (String scenario : SCENARIOS) {
        boolean baseline = scenario.equals("goal skipped");
        Stats b = Stats.of(samples.build.get(scenario));
        Stats g = Stats.of(samples.goal.getOrDefault(scenario, List.of()));
        buildStats.put(scenario, b);
        goalStats.put(scenario, g);
        List<Double> share = new ArrayList<>();
        for (double s : samples.build.get(scenario)) {
          share.add(s - skipped.median());
        }
        table.row(
            corpus.label(),
            scenario,
            b.seconds(),
            baseline ? "1.00x (baseline)" : b.ratioTo(skipped),
            baseline ? "—" : Stats.of(share).seconds(),
            g.isEmpty() ? "—" : g.millis(),
            baseline || hand == null ? "" : g.ratioTo(hand),
            !baseline && Boolean.TRUE.equals(samples.started.get(scenario)) ? "yes" : "no");
      }
      results.builds(
          corpus,
          new BenchResults.Builds(
              buildStats, goalStats, Boolean.TRUE.equals(samples.started.get("no-op"))));
    }
    return md.append(table).append('\n').toString();
  }

  private Samples measure(MavenSandbox sandbox, Corpus corpus)
      throws IOException, InterruptedException {
    Path module;
    Path migrations;
    if (corpus == Corpus.SEED) {
      module = sandbox.repo().resolve("generated-module");
      migrations = sandbox.repo().resolve("migrations");
    } else {
      module = work.resolve("pagila-project");
      migrations = module.resolve("migrations");
      corpus.writeMigrations(migrations);
      sandbox.writePagilaPom(module);
    }
    Path warmCache = work.resolve("cache-" + corpus.label());
    Samples samples = new Samples();
    Machine.progress(corpus.label() + ": priming (untimed forced build)");
    sandbox.mvn(module, warmCache, List.of("-Ddrydock.force=true"));
    int runs = options.runs();
    for (int round = 1; round <= runs; round++) {
      Machine.progress(corpus.label() + ": round " + round + "/" + runs);
      // cold: no binaries cache, no cluster template, no output
      FileTrees.deleteQuietly(module.resolve("target"));
      Path coldCache = work.resolve("cache-cold");
      FileTrees.deleteQuietly(coldCache);
      samples.record("cold", sandbox.mvn(module, coldCache, List.of()));
      FileTrees.deleteQuietly(coldCache);
      // warm: a migration changed, everything cached
      Files.writeString(
          corpus.lastMigration(migrations),
          "\n-- benchmark round " + round + "\n",
          StandardOpenOption.APPEND);
      samples.record("warm", sandbox.mvn(module, warmCache, List.of()));
      // no-op: nothing changed
      samples.record("no-op", sandbox.mvn(module, warmCache, List.of()));
      // baseline: the same build without the goal
      samples.record(
          "goal skipped", sandbox.mvn(module, warmCache, List.of("-Ddrydock.skip=true")));
    }
    return samples;
  }
}
