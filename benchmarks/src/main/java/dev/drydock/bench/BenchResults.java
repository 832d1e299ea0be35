package dev.drydock.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures one section measures and another reads: the builds table divides by the hand-written
 * pipeline (jmh), the targets table reads the builds and the suite.
 */
final class BenchResults {

  /**
   * One schema's builds through the Maven goal.
   *
   * @param builds scenario → wall time of the whole mvn process
   * @param goals scenario → the time the goal logged
   * @param noopStartedDatabase whether a no-op build started a database
   */
  record Builds(Map<String, Stats> builds, Map<String, Stats> goals, boolean noopStartedDatabase) {}

  private final Map<Corpus, Stats> handWrittenFresh = new LinkedHashMap<>();
  private final Map<Corpus, Builds> builds = new LinkedHashMap<>();
  private Stats suite = Stats.of(List.of());

  void handWrittenFresh(Corpus corpus, Stats stats) {
    handWrittenFresh.put(corpus, stats);
  }

  /** The hand-written pipeline in a fresh JVM, or null when jmh did not run. */
  Stats handWrittenFresh(Corpus corpus) {
    return handWrittenFresh.get(corpus);
  }

  void builds(Corpus corpus, Builds result) {
    builds.put(corpus, result);
  }

  /** The builds of {@code corpus}, or null when the builds section did not run. */
  Builds builds(Corpus corpus) {
    return builds.get(corpus);
  }

  void suite(Stats stats) {
    suite = stats;
  }

  /** {@code ./mvnw verify}; empty when the suite section did not run. */
  Stats suite() {
    return suite;
  }
}
