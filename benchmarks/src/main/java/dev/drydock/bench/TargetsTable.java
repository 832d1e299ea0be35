package dev.drydock.bench;

import java.util.Locale;
import java.util.Map;

/** The report's first table: each target, what was measured, and whether it is met. */
final class TargetsTable {
  private TargetsTable() {}

  static String render(BenchOptions options, BenchResults results) {
    MarkdownTable table = MarkdownTable.of("target", "measured", "met?");
    for (Corpus corpus : options.corpora()) {
      BenchResults.Builds builds = results.builds(corpus);
      if (builds != null) {
        Stats noop = builds.goals().get("no-op");
        Map<String, Stats> wall = builds.builds();
        Stats share =
            Stats.of(
                wall.get("no-op").samples().stream()
                    .map(s -> s - wall.get("goal skipped").median())
                    .toList());
        boolean started = builds.noopStartedDatabase();
        boolean met = !noop.isEmpty() && noop.max() <= 300 && !started;
        table.row(
            corpus.label() + ": no-op ≤ 0.3 s of the build, starts no database",
            "goal "
                + noop.millis()
                + "; no-op build − skipped build "
                + share.seconds()
                + "; database started: "
                + (started ? "yes" : "no"),
            met ? "yes" : "no");
      }
      Stats warm = builds == null ? null : builds.goals().get("warm");
      Stats hand = results.handWrittenFresh(corpus);
      if (warm != null && hand != null && !warm.isEmpty() && !hand.isEmpty()) {
        double ratio = warm.median() / hand.median();
        table.row(
            corpus.label() + ": warm ≤ 1.2 × hand-written pipeline",
            "goal (warm) "
                + warm.millis()
                + " ÷ hand-written, fresh JVM "
                + hand.millis()
                + String.format(Locale.ROOT, " = %.2fx", ratio),
            ratio <= 1.2 ? "yes" : "no");
      }
    }
    Stats suite = results.suite();
    if (!suite.isEmpty()) {
      table.row(
          "test suite (`./mvnw verify`) < 10 min on this machine",
          suite.seconds(),
          suite.median() < 600_000 ? "yes" : "no");
    }
    return "## Targets\n\n" + table + "\n";
  }
}
