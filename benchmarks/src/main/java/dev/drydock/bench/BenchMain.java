package dev.drydock.bench;

import dev.drydock.files.FileTrees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark harness behind {@code benchmarks/run.sh}. Runs the chosen {@link Section}s:
 *
 * <ol>
 *   <li><b>builds</b> ({@link BuildsSection}): the {@code drydock:generate} goal through real
 *       {@code mvn} processes, cold / warm / no-op against the goal skipped;
 *   <li><b>jmh</b> ({@link JmhSection}): the hand-written pipeline, {@code CodeGeneration} and
 *       {@code DDLDatabase} in-process, once per fresh JVM and in a hot JVM;
 *   <li><b>anatomy</b> ({@link AnatomySection}): where a warm generation's time goes, plus
 *       candidate speed-ups measured on the same machine;
 *   <li><b>diff</b> (only with {@code --sections=...,diff}): introspecting both sides and comparing
 *       generated schemas of 100 to 2,000 tables, against jOOQ's {@code Meta} ({@link DiffBench});
 *   <li><b>suite</b> (only with {@code --suite}, {@link SuiteSection}): {@code ./mvnw -B -o verify}
 *       against the same build with {@code -DskipTests};
 *   <li><b>dao</b> (only with {@code --sections=...,dao}, {@link DaoSection});
 *   <li><b>snapshots</b> (only with {@code --sections=...,snapshots}, {@link SnapshotSection}):
 *       migration snapshots (issue 15) against the same operations with snapshots disabled.
 * </ol>
 *
 * Every figure is a median with min–max over the samples, and a ratio to a baseline measured in the
 * same run. Prints a Markdown report and writes it to {@code --out}.
 */
public final class BenchMain {

  /** The order sections run in: jmh before builds, whose table divides by it. */
  private static final List<String> RUN_ORDER =
      List.of(
          "jmh",
          "builds",
          "noop",
          "anatomy",
          "diff",
          "suite",
          "dao",
          "snapshots",
          "codegen",
          "lint",
          "draft");

  /** The order sections appear in the report. */
  private static final List<String> REPORT_ORDER =
      List.of(
          "builds",
          "noop",
          "jmh",
          "anatomy",
          "diff",
          "suite",
          "dao",
          "snapshots",
          "codegen",
          "lint",
          "draft");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    Path work = Files.createTempDirectory("drydock-bench-");
    try {
      run(options, work);
    } finally {
      FileTrees.deleteQuietly(work);
    }
  }

  private static void run(BenchOptions options, Path work) throws Exception {
    String started =
        DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    String loadBefore = Machine.loadAverage();
    long t0 = System.nanoTime();
    Machine.progress(
        "work directory "
            + work
            + "; sections "
            + options.sections()
            + "; corpora "
            + options.corpora());
    BenchResults results = new BenchResults();
    Map<String, String> markdown = new LinkedHashMap<>();
    for (String name : RUN_ORDER) {
      if (options.sections().contains(name)) {
        markdown.put(name, section(name, options, work, results).run());
      }
    }
    StringBuilder body = new StringBuilder();
    REPORT_ORDER.forEach(name -> body.append(markdown.getOrDefault(name, "")));
    String loadAfter = Machine.loadAverage();
    StringBuilder report = new StringBuilder();
    report
        .append("# Drydock benchmarks\n\n")
        .append("- date: ")
        .append(started)
        .append(String.format(Locale.ROOT, " (took %.1f min)%n", (System.nanoTime() - t0) / 6e10))
        .append("- command: `benchmarks/run.sh")
        .append(options.commandLine().isBlank() ? "" : " " + options.commandLine())
        .append("`\n")
        .append("- machine: ")
        .append(Machine.describe())
        .append("\n- load average (1/5/15 min) before: ")
        .append(loadBefore)
        .append(", after: ")
        .append(loadAfter)
        .append(" — with load above the core count, absolute figures are inflated and noisy;")
        .append(" compare ratios, and re-run on a quiet machine for absolute ones\n\n")
        .append(TargetsTable.render(options, results))
        .append(body);
    System.out.println();
    System.out.println(report);
    Files.createDirectories(options.out().getParent());
    Files.writeString(options.out(), report.toString(), StandardCharsets.UTF_8);
    Machine.progress("written to " + options.out());
  }

  private static Section section(
      String name, BenchOptions options, Path work, BenchResults results) {
    return switch (name) {
      case "jmh" -> new JmhSection(options, work, results);
      case "builds" -> new BuildsSection(options, work, results);
      case "noop" -> new NoOpSection(options, work);
      case "anatomy" -> new AnatomySection(options, work);
      case "diff" -> new DiffBench(options.runs(), work, Machine::progress);
      case "suite" -> new SuiteSection(options, work, results);
      case "dao" -> new DaoSection(options.all(), options.root(), work);
      case "snapshots" -> new SnapshotSection(options.all(), work);
      case "codegen" -> new CodegenSection(options.all(), work);
      case "lint" -> new LintSection(options.runs(), work);
      case "draft" -> new DraftSection(options.all(), work, Machine::progress);
      default -> throw new IllegalArgumentException("unknown section " + name);
    };
  }

  static {
    // keep the harness's own DDLDatabase probe quiet
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }
}
