package dev.drydock.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code noop} section: what an up-to-date {@code drydock:generate} costs. On the sample
 * ({@code generated-module}, the seed schema), rounds of {@code mvn -o validate} (the baseline: the
 * same JVM, Maven and project model, no goal) and {@code mvn -o generate-sources} with nothing
 * changed, interleaved; the goal's own time is what it logs. Targets: goal ≤ 30 ms, {@code
 * generate-sources} ≤ 150 ms over {@code validate} (medians).
 */
final class NoOpSection implements Section {

  static final double GOAL_TARGET_MS = 30;
  static final double OVER_VALIDATE_TARGET_MS = 150;

  private final BenchOptions options;
  private final Path work;

  NoOpSection(BenchOptions options, Path work) {
    this.options = options;
    this.work = work;
  }

  @Override
  public String run() throws Exception {
    MavenSandbox sandbox = MavenSandbox.create(options, work);
    Path module = sandbox.repo().resolve("generated-module");
    Path cache = work.resolve("cache-noop");
    Machine.progress("noop: priming (untimed forced generate-sources, then one up-to-date run)");
    sandbox.mvn(module, cache, "generate-sources", List.of("-Ddrydock.force=true"));
    sandbox.mvn(module, cache, "generate-sources", List.of());
    List<Double> validate = new ArrayList<>();
    List<Double> generate = new ArrayList<>();
    List<Double> over = new ArrayList<>();
    List<Double> goal = new ArrayList<>();
    List<Double> asked = new ArrayList<>();
    Path marker = module.resolve("target/generated-sources/jooq/.drydock-fingerprint");
    boolean started = false;
    int rounds = Math.max(5, options.runs());
    for (int round = 1; round <= rounds; round++) {
      Machine.progress("noop: round " + round + "/" + rounds);
      MavenSandbox.MvnRun v = sandbox.mvn(module, cache, "validate", List.of());
      MavenSandbox.MvnRun g = sandbox.mvn(module, cache, "generate-sources", List.of());
      validate.add(v.wallMillis());
      generate.add(g.wallMillis());
      over.add(g.wallMillis() - v.wallMillis());
      g.goalMillis().ifPresent(goal::add);
      started |= g.startedDatabase();
      // the same no-op with the marker's listing stamp removed: Flyway resolves the migrations
      // and the fingerprint is computed from them (what every no-op did before the stamp)
      List<String> lines = new ArrayList<>(Files.readAllLines(marker));
      lines.set(0, lines.get(0).split(" ")[0]);
      Files.write(marker, lines);
      MavenSandbox.MvnRun f = sandbox.mvn(module, cache, "generate-sources", List.of());
      f.goalMillis().ifPresent(asked::add);
      started |= f.startedDatabase();
    }
    Stats vs = Stats.of(validate);
    Stats gs = Stats.of(generate);
    Stats os = Stats.of(over);
    Stats goals = Stats.of(goal);
    Stats askedStats = Stats.of(asked);
    MarkdownTable table = MarkdownTable.of("measure", "median (min–max, n)", "target", "met");
    table.row("`mvn -o validate` (baseline)", vs.millis(), "", "");
    table.row(
        "`mvn -o generate-sources`, nothing changed",
        gs.millis() + ", " + gs.ratioTo(vs) + " of validate",
        "",
        "");
    table.row(
        "generate-sources − validate (per round)",
        os.millis(),
        "≤ " + (int) OVER_VALIDATE_TARGET_MS + " ms",
        os.median() <= OVER_VALIDATE_TARGET_MS ? "yes" : "no");
    table.row(
        "the goal itself (logged)",
        goals.isEmpty() ? "—" : goals.millis(),
        "≤ " + (int) GOAL_TARGET_MS + " ms",
        !goals.isEmpty() && goals.median() <= GOAL_TARGET_MS ? "yes" : "no");
    table.row(
        "the goal when Flyway is asked (marker without stamp), same rounds",
        askedStats.isEmpty()
            ? "—"
            : askedStats.millis() + "; stamped ÷ asked = " + goals.ratioTo(askedStats),
        "",
        "");
    table.row("database started", started ? "yes" : "no", "no", started ? "no" : "yes");
    return "## Up-to-date build (no-op)\n\n"
        + Machine.sectionLoad()
        + "On `generated-module` (the sample), after one forced and one up-to-date run: "
        + rounds
        + " rounds of `mvn -o validate` then `mvn -o generate-sources`, nothing changed, each a"
        + " fresh `mvn` process. The goal answers from the migration listing and its marker"
        + " without loading Flyway or jOOQ.\n\n"
        + table
        + "\n";
  }
}
