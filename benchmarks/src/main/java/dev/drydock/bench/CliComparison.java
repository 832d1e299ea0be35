package dev.drydock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A forced {@code drydock generate} of the same schema by two CLI jars in the same run: an earlier
 * build of Drydock (the baseline, e.g. the code as it stood when an issue was filed, built from
 * that commit) and this build, each a fresh JVM with the same heap and processor limits, its wall
 * time, CPU time and peak RSS taken by {@code /usr/bin/time}. Rounds alternate the jars, so a load
 * spike hits both.
 */
final class CliComparison {

  /** One measured {@code generate}: seconds of wall and CPU time, peak resident set in KiB. */
  record Sample(double wallSeconds, double cpuSeconds, long peakRssKib) {}

  /**
   * A CLI to measure: a label for the report, its jar (run with {@code java -jar}) or an installed
   * launcher script ({@code bin/drydock}, given the JVM options in {@code JAVA_OPTS}), and extra
   * JVM options.
   */
  record Cli(String label, Path jar, List<String> jvmOptions) {
    boolean isLauncher() {
      return jar.getFileName().toString().equals("drydock");
    }
  }

  private final Path work;
  private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
  private int outs;

  CliComparison(Path work) {
    this.work = work;
  }

  /** Runs each CLI once on {@code migrations} (forced, no snapshots) and records it. */
  void round(String schema, Path migrations, Path pg18Jar, List<Cli> clis) throws Exception {
    Files.createDirectories(work);
    for (Cli cli : clis) {
      Path cache = work.resolve("cache-" + cli.jar().getFileName() + "-" + cli.jar().hashCode());
      Path out = work.resolve("out-" + outs++);
      List<String> command = new ArrayList<>();
      command.add("/usr/bin/time");
      command.add("-f");
      command.add("TIME %e %U %S %M");
      Map<String, String> env = new LinkedHashMap<>();
      List<String> jvm = new ArrayList<>(List.of("-XX:MaxRAM=7g", "-XX:ActiveProcessorCount=2"));
      jvm.addAll(cli.jvmOptions());
      if (cli.isLauncher()) {
        command.add(cli.jar().toString());
        env.put("JAVA_OPTS", String.join(" ", jvm));
        env.put("JAVA_HOME", System.getProperty("java.home"));
      } else {
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.add("-jar");
        command.add(cli.jar().toString());
      }
      command.add("generate");
      command.add("--force");
      command.add("--no-snapshots");
      command.add("--quiet");
      command.add("--migrations=" + migrations);
      command.add("--output=" + out);
      command.add("--package=bench.generated");
      command.add("--cache-dir=" + cache);
      if (pg18Jar != null) {
        command.add("--postgres-binaries=" + pg18Jar);
      }
      String label = schema + "/" + cli.label();
      Machine.progress("codegen cli: " + label);
      Path log = work.resolve("cli-" + outs + ".log");
      ChildRun run = ChildRun.run(label, command, null, env, log, Duration.ofMinutes(40));
      samples.computeIfAbsent(label, k -> new ArrayList<>()).add(parse(run.output()));
      deleteTree(out);
    }
  }

  /** Discards what was measured so far (the untimed first round, which fills the caches). */
  void forget() {
    samples.clear();
  }

  /**
   * The table: one row per schema and CLI, each ratio against the first CLI of {@code clis} (the
   * baseline) on the same schema.
   */
  String report(List<Cli> clis) {
    MarkdownTable table =
        MarkdownTable.of(
            "schema", "CLI", "JVM wall", "CPU", "peak RSS", "wall ÷ base", "RSS ÷ base");
    for (String label : samples.keySet()) {
      String schema = label.substring(0, label.indexOf('/'));
      String base = schema + "/" + clis.get(0).label();
      Stats wall = wall(label);
      Stats cpu = Stats.of(samples.get(label).stream().map(Sample::cpuSeconds).toList());
      Stats rss =
          Stats.of(samples.get(label).stream().map(s -> (double) s.peakRssKib() / 1024).toList());
      Stats baseRss =
          Stats.of(samples.get(base).stream().map(s -> (double) s.peakRssKib() / 1024).toList());
      boolean isBase = label.equals(base);
      table.row(
          schema,
          label.substring(label.indexOf('/') + 1),
          seconds(wall),
          seconds(cpu),
          String.format(Locale.ROOT, "%.0f MB", rss.median()),
          isBase
              ? ""
              : String.format(Locale.ROOT, "**%.2fx**", wall.median() / wall(base).median()),
          isBase ? "" : String.format(Locale.ROOT, "**%.2fx**", rss.median() / baseRss.median()));
    }
    return table.toString();
  }

  private Stats wall(String label) {
    return Stats.of(samples.get(label).stream().map(Sample::wallSeconds).toList());
  }

  private static String seconds(Stats stats) {
    return stats.n() == 1
        ? String.format(Locale.ROOT, "%.2f", stats.median())
        : String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", stats.median(), stats.min(), stats.max());
  }

  static Sample parse(String output) {
    String line =
        output
            .lines()
            .filter(l -> l.startsWith("TIME "))
            .reduce((a, b) -> b)
            .orElseThrow(() -> new IllegalStateException("no /usr/bin/time line in: " + output));
    String[] f = line.substring(5).trim().split(" ");
    return new Sample(
        Double.parseDouble(f[0]),
        Double.parseDouble(f[1]) + Double.parseDouble(f[2]),
        Long.parseLong(f[3]));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
