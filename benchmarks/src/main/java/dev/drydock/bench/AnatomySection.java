package dev.drydock.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code anatomy} section: where a warm generation's time goes ({@link Anatomy}, in separate
 * JVMs), the pieces of a provider start timed alone, and candidate speed-ups measured on the same
 * machine.
 */
final class AnatomySection implements Section {

  private final BenchOptions options;
  private final Path work;

  AnatomySection(BenchOptions options, Path work) {
    this.options = options;
    this.work = work;
  }

  @Override
  public String run() throws IOException, InterruptedException {
    int jvms = options.anatomyJvms();
    StringBuilder md = new StringBuilder();
    md.append("## Where a warm generation's time goes\n\n")
        .append(Machine.sectionLoad())
        .append("The hand-written pipeline with a timer per phase (`Anatomy`): ")
        .append(jvms)
        .append(" JVMs × 3")
        .append(" generations, binaries cache warm; *fresh* = the first generation of each JVM,")
        .append(" *hot* = the others. Then the pieces of a provider start timed alone, and three")
        .append(" candidate speed-ups: the data directory on tmpfs (`-Djava.io.tmpdir=/dev/shm`),")
        .append(" the PostgreSQL start overlapped with Flyway/jOOQ class loading, and C1-only JIT")
        .append(" for the short-lived JVM.\n\n");
    for (Corpus corpus : options.corpora()) {
      Path cache = work.resolve("anatomy-cache-" + corpus.label());
      Machine.progress(corpus.label() + ": anatomy, cold cache (one JVM)");
      Map<String, Map<String, List<Double>>> cold = anatomyRuns(corpus, cache, 1, 1, List.of());
      Machine.progress(corpus.label() + ": anatomy, warm cache");
      Map<String, Map<String, List<Double>>> warm =
          anatomyRuns(corpus, cache, jvms, 3, List.of("pieces"));
      Map<String, List<Double>> fresh = warm.getOrDefault("fresh", Map.of());
      Map<String, List<Double>> hot = warm.getOrDefault("hot", Map.of());
      Map<String, List<Double>> coldFresh = cold.getOrDefault("fresh", Map.of());
      Stats freshTotal = Stats.of(fresh.getOrDefault("total", List.of()));
      Stats hotTotal = Stats.of(hot.getOrDefault("total", List.of()));
      MarkdownTable phases =
          MarkdownTable.of(
              "phase", "fresh JVM", "share", "hot JVM", "share", "cold cache, fresh JVM (n=1)");
      for (String phase : fresh.keySet()) {
        Stats f = Stats.of(fresh.get(phase));
        Stats h = Stats.of(hot.getOrDefault(phase, List.of()));
        boolean total = phase.equals("total");
        phases.row(
            phase,
            f.millis(),
            total ? "" : percent(f, freshTotal),
            h.millis(),
            total ? "" : percent(h, hotTotal),
            Stats.of(coldFresh.getOrDefault(phase, List.of())).millis());
      }
      MarkdownTable pieces = MarkdownTable.of("piece of a provider start, timed alone", "time");
      for (Map.Entry<String, List<Double>> piece :
          warm.getOrDefault("piece", Map.of()).entrySet()) {
        pieces.row(piece.getKey(), Stats.of(piece.getValue()).millis());
      }
      MarkdownTable candidates =
          MarkdownTable.of(
              "candidate speed-up",
              "provider start, fresh",
              "total, fresh",
              "× baseline total, fresh",
              "total, hot",
              "× baseline total, hot");
      candidate(candidates, "baseline (as above)", warm, freshTotal, hotTotal);
      Path shm = Path.of("/dev/shm");
      if (Files.isDirectory(shm) && Files.isWritable(shm)) {
        Machine.progress(corpus.label() + ": anatomy, data directory on tmpfs");
        candidate(
            candidates,
            "data directory on tmpfs (/dev/shm)",
            anatomyRuns(corpus, cache, jvms, 3, List.of("tmpfs")),
            freshTotal,
            hotTotal);
      }
      Machine.progress(corpus.label() + ": anatomy, start overlapped with class loading");
      candidate(
          candidates,
          "PostgreSQL start overlapped with class loading",
          anatomyRuns(corpus, cache, jvms, 3, List.of("overlapped")),
          freshTotal,
          hotTotal);
      Machine.progress(corpus.label() + ": anatomy, C1 only (-XX:TieredStopAtLevel=1)");
      candidate(
          candidates,
          "JVM flag -XX:TieredStopAtLevel=1 (C1 only)",
          anatomyRuns(corpus, cache, jvms, 3, List.of("c1")),
          freshTotal,
          hotTotal);
      md.append("### ")
          .append(corpus.label())
          .append("\n\n")
          .append(phases)
          .append('\n')
          .append(pieces)
          .append('\n')
          .append(candidates)
          .append('\n');
    }
    return md.toString();
  }

  private static void candidate(
      MarkdownTable table,
      String label,
      Map<String, Map<String, List<Double>>> runs,
      Stats baseFresh,
      Stats baseHot) {
    Map<String, List<Double>> fresh = runs.getOrDefault("fresh", Map.of());
    Map<String, List<Double>> hot = runs.getOrDefault("hot", Map.of());
    List<Double> start = new ArrayList<>(fresh.getOrDefault("provider start", List.of()));
    if (start.isEmpty()) {
      // overlapped: the start that was not hidden behind class loading
      start.addAll(fresh.getOrDefault("provider start (rest)", List.of()));
    }
    Stats f = Stats.of(fresh.getOrDefault("total", List.of()));
    Stats h = Stats.of(hot.getOrDefault("total", List.of()));
    table.row(
        label,
        Stats.of(start).millis(),
        f.millis(),
        f.ratioTo(baseFresh),
        h.millis(),
        h.ratioTo(baseHot));
  }

  private static String percent(Stats part, Stats total) {
    if (part.isEmpty() || total.isEmpty()) {
      return "";
    }
    return String.format(Locale.ROOT, "%.0f%%", 100 * part.median() / total.median());
  }

  /** kind (fresh/hot/piece) → phase → samples, over {@code jvms} JVMs. */
  private Map<String, Map<String, List<Double>>> anatomyRuns(
      Corpus corpus, Path cache, int jvms, int runsPerJvm, List<String> flags)
      throws IOException, InterruptedException {
    Map<String, Map<String, List<Double>>> result = new LinkedHashMap<>();
    for (int jvm = 0; jvm < jvms; jvm++) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("-D" + Corpus.ROOT_PROPERTY + "=" + options.root());
      command.add("-D" + Corpus.PG18_PROPERTY + "=" + System.getProperty(Corpus.PG18_PROPERTY, ""));
      if (flags.contains("tmpfs")) {
        command.add("-Djava.io.tmpdir=/dev/shm");
      }
      if (flags.contains("c1")) {
        command.add("-XX:TieredStopAtLevel=1");
      }
      command.add(Anatomy.class.getName());
      command.add(corpus.label());
      command.add(cache.toString());
      command.add(Integer.toString(runsPerJvm));
      if (flags.contains("pieces") && jvm == jvms - 1) {
        command.add("pieces");
      }
      if (flags.contains("overlapped")) {
        command.add("overlapped");
      }
      Path log = work.resolve("anatomy.log");
      ChildRun.run("Anatomy", command, null, Map.of(), log, Duration.ofMinutes(10));
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t");
        if (f.length == 4 && f[0].equals("PHASE")) {
          result
              .computeIfAbsent(f[1], k -> new LinkedHashMap<>())
              .computeIfAbsent(f[2], k -> new ArrayList<>())
              .add(Double.parseDouble(f[3]));
        }
      }
    }
    return result;
  }
}
