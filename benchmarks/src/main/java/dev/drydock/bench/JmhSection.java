package dev.drydock.bench;

import dev.drydock.files.FileTrees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The {@code jmh} section: the hand-written pipeline, {@code CodeGeneration} and {@code
 * DDLDatabase} in-process ({@link InProcessBench}), once per fresh JVM and in a hot JVM. Runs
 * before the builds: they divide by the hand-written pipeline's fresh-JVM time.
 */
final class JmhSection implements Section {

  private static final List<String> METHODS =
      List.of("handWritten", "pullWorkflowForced", "ddlDatabase");

  private final BenchOptions options;
  private final Path work;
  private final BenchResults results;

  JmhSection(BenchOptions options, Path work, BenchResults results) {
    this.options = options;
    this.work = work;
    this.results = results;
  }

  @Override
  public String run() throws RunnerException {
    String load = Machine.sectionLoad();
    Map<Corpus, String> ddlFailure = new LinkedHashMap<>();
    for (Corpus corpus : options.corpora()) {
      Machine.progress(corpus.label() + ": probing DDLDatabase");
      probeDdl(corpus).ifPresent(why -> ddlFailure.put(corpus, why));
    }
    Map<String, Stats> fresh = new LinkedHashMap<>();
    Map<String, Stats> hot = new LinkedHashMap<>();
    for (Corpus corpus : options.corpora()) {
      String methods =
          ddlFailure.containsKey(corpus)
              ? "handWritten|pullWorkflowForced"
              : "handWritten|pullWorkflowForced|ddlDatabase";
      Machine.progress(
          corpus.label() + ": JMH, fresh JVM per sample (" + options.forks() + " forks)");
      collect(
          corpus,
          jmhOptions(corpus, methods, "fresh").warmupIterations(0).measurementIterations(1),
          options.forks(),
          fresh);
      Machine.progress(corpus.label() + ": JMH, hot JVM");
      collect(
          corpus,
          jmhOptions(corpus, methods, "hot").warmupIterations(2).measurementIterations(4),
          1,
          hot);
      results.handWrittenFresh(corpus, fresh.get(key(corpus, "handWritten")));
    }
    StringBuilder md = new StringBuilder();
    md.append("## In-process pipelines (JMH, single shot)\n\n")
        .append(load)
        .append("One generation per operation, binaries cache warm. *Fresh JVM*: one sample per")
        .append(" forked JVM, no warm-up (what a build pays: class loading, JIT). *Hot JVM*: 2")
        .append(" warm-up then 4 measured operations in one fork (the floor without JVM start-up).")
        .append(" Baseline: the hand-written pipeline (ThrowawayDatabase + plain Flyway + jOOQ")
        .append(" GenerationTool, same generator settings), same corpus, same run.\n\n");
    MarkdownTable table =
        MarkdownTable.of(
            "schema", "pipeline", "fresh JVM", "× hand-written", "hot JVM", "× hand-written");
    Stats none = Stats.of(List.of());
    for (Corpus corpus : options.corpora()) {
      Stats handF = fresh.getOrDefault(key(corpus, "handWritten"), none);
      Stats handH = hot.getOrDefault(key(corpus, "handWritten"), none);
      for (String method : METHODS) {
        String label =
            switch (method) {
              case "handWritten" -> "hand-written (baseline)";
              case "pullWorkflowForced" -> "Drydock CodeGeneration (forced)";
              default -> "jOOQ DDLDatabase (no PostgreSQL)";
            };
        if (method.equals("ddlDatabase") && ddlFailure.containsKey(corpus)) {
          table.row(
              corpus.label(),
              label,
              "cannot: " + ddlFailure.get(corpus).replace("|", "\\|"),
              "",
              "",
              "");
          continue;
        }
        Stats f = fresh.getOrDefault(key(corpus, method), none);
        Stats h = hot.getOrDefault(key(corpus, method), none);
        table.row(
            corpus.label(), label, f.seconds(), f.ratioTo(handF), h.seconds(), h.ratioTo(handH));
      }
    }
    return md.append(table).append('\n').toString();
  }

  /** Why jOOQ's DDLDatabase cannot read this corpus, if it cannot. */
  private Optional<String> probeDdl(Corpus corpus) {
    Path dir = work.resolve("ddl-probe-" + corpus.label());
    corpus.writeMigrations(dir.resolve("migrations"));
    try {
      Pipelines.ddlDatabase(dir.resolve("migrations"), dir.resolve("out"), corpus.packageName());
      return Optional.empty();
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      String message = String.valueOf(cause.getMessage()).strip().split("\\R")[0];
      if (message.length() > 160) {
        message = message.substring(0, 160) + "…";
      }
      return Optional.of(cause.getClass().getSimpleName() + ": " + message);
    } finally {
      FileTrees.deleteQuietly(dir);
    }
  }

  private ChainedOptionsBuilder jmhOptions(Corpus corpus, String methods, String kind) {
    return new OptionsBuilder()
        .include(InProcessBench.class.getName() + "\\.(" + methods + ")$")
        .param("corpus", corpus.label())
        .mode(Mode.SingleShotTime)
        .timeUnit(TimeUnit.MILLISECONDS)
        .shouldFailOnError(true)
        .jvmArgsAppend(
            "-D" + Corpus.ROOT_PROPERTY + "=" + options.root(),
            "-D" + Corpus.PG18_PROPERTY + "=" + System.getProperty(Corpus.PG18_PROPERTY, ""))
        .output(work.resolve("jmh-" + corpus.label() + "-" + kind + ".log").toString());
  }

  private static void collect(
      Corpus corpus, ChainedOptionsBuilder options, int forks, Map<String, Stats> into)
      throws RunnerException {
    for (RunResult result : new Runner(options.forks(forks).build()).run()) {
      String method = result.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      var statistics = result.getPrimaryResult().getStatistics();
      List<Double> samples = new ArrayList<>();
      result
          .getBenchmarkResults()
          .forEach(
              b ->
                  b.getIterationResults()
                      .forEach(i -> samples.add(i.getPrimaryResult().getScore())));
      if (samples.isEmpty() && statistics.getN() > 0) {
        samples.add(statistics.getPercentile(50));
      }
      into.put(key(corpus, method), Stats.of(samples));
    }
  }

  private static String key(Corpus corpus, String method) {
    return corpus.label() + "/" + method;
  }
}
