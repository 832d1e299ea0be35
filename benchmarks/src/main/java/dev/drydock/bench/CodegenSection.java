package dev.drydock.bench;

import dev.drydock.bench.codegen.CodegenProbe;
import dev.drydock.bench.codegen.WideSchema;
import dev.drydock.bench.corpus.HistoryCorpus;
import dev.drydock.bench.corpus.MigrationFile;
import dev.drydock.bench.corpus.PagilaSplit;
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
 * Issue 25: the pull workflow at scale ({@code --sections=codegen}). Every run is a fresh JVM
 * ({@link CodegenProbe}) with the default heap of a 2-core CI machine with 7 GB of RAM ({@code
 * -XX:MaxRAM=7g -XX:ActiveProcessorCount=2}, no -Xmx), timed by phase, with its peak RSS.
 *
 * <ul>
 *   <li><b>forced</b>: the sample, Pagila, the 200-migration history and generated schemas of 100,
 *       1,000 and 5,000 tables ({@link WideSchema}), snapshots off, with jOOQ's own {@code
 *       PostgresDatabase} (the baseline, today's path) and with Drydock's default;
 *   <li><b>one added</b> (history, Pagila): N generated with snapshots, then N+1 from the snapshot
 *       of N, against N+1 forced with snapshots off (the forced Drydock run above);
 *   <li><b>data only added</b>: the same with an {@code INSERT} migration as N+1.
 * </ul>
 *
 * Options: {@code --codegen-rounds=N} (default 1), {@code --codegen-sizes=100,1000,5000}, {@code
 * --codegen-stock-max=1000} (the largest schema the quadratic baseline runs on).
 */
final class CodegenSection implements Section {

  private final Map<String, String> options;
  private final Path work;
  private final Path cache;
  private final Map<String, List<Map<String, String>>> samples = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private Path probeCache;

  CodegenSection(Map<String, String> options, Path work) {
    this.options = options;
    this.work = work.resolve("codegen");
    this.cache = this.work.resolve("cache");
    this.probeCache = cache;
  }

  @Override
  public String run() throws Exception {
    if (options.containsKey("codegen-replay")) {
      return replay(Path.of(options.get("codegen-replay")));
    }
    int rounds = Integer.parseInt(options.getOrDefault("codegen-rounds", "1"));
    int stockMax = Integer.parseInt(options.getOrDefault("codegen-stock-max", "1000"));
    List<Integer> sizes =
        java.util.Arrays.stream(options.getOrDefault("codegen-sizes", "100,1000,5000").split(","))
            .map(Integer::parseInt)
            .toList();
    List<String> only =
        List.of(
            options
                .getOrDefault("codegen-subjects", "sample,pagila,history,wide,incremental")
                .split(","));
    Map<String, Subject> subjects = new LinkedHashMap<>();
    subjects.put("sample", new Subject(Corpus.projectRoot().resolve("migrations"), false, null));
    List<MigrationFile> pagila = PagilaSplit.split(Corpus.pagilaWithoutPgvector(), 45);
    subjects.put("pagila", new Subject(write("pagila", pagila, pagila.size()), true, null));
    List<MigrationFile> history =
        HistoryCorpus.configure().migrations(200).seed(15).build().files();
    subjects.put("history", new Subject(write("history", history, history.size()), false, null));
    for (int n : sizes) {
      subjects.put(
          "wide" + n, new Subject(WideSchema.write(work.resolve("wide" + n), n), false, null));
    }
    Machine.progress("codegen: warming the binaries cache");
    probe(
        "warmup", subjects.get("sample").dir(), "drydock", "off", true, work.resolve("o-w"), false);
    probe(
        "warmup18",
        subjects.get("pagila").dir(),
        "drydock",
        "off",
        true,
        work.resolve("o-w18"),
        true);
    for (int round = 1; round <= rounds; round++) {
      for (Map.Entry<String, Subject> s : subjects.entrySet()) {
        String name = s.getKey();
        boolean wide = name.startsWith("wide");
        if (!only.contains(wide ? "wide" : name)) {
          continue;
        }
        if (!wide || Integer.parseInt(name.substring(4)) <= stockMax) {
          probe(
              name + "/stock",
              s.getValue().dir(),
              "stock",
              "off",
              true,
              out(),
              s.getValue().pg18());
        }
        probe(
            name + "/drydock",
            s.getValue().dir(),
            "drydock",
            "off",
            true,
            out(),
            s.getValue().pg18());
        if (wide) {
          // the same run with the JVM options the CLI launcher (bin/drydock) adds by default
          probe(
              name + "/cli",
              s.getValue().dir(),
              "drydock",
              "off",
              true,
              out(),
              s.getValue().pg18(),
              CLI_JVM_OPTIONS);
        }
      }
      if (!only.contains("incremental")) {
        continue;
      }
      // a snapshot cache of this round's own: a later round must not start from this one's N+1
      probeCache = work.resolve("cache-incremental-" + round);
      incremental(
          "history",
          history,
          false,
          "INSERT INTO audit_log (table_name, operation) VALUES ('bench', 'X');\n",
          round);
      incremental(
          "pagila", pagila, true, "INSERT INTO language (name) VALUES ('Klingon');\n", round);
      probeCache = cache;
    }
    String against = "";
    if (options.containsKey("codegen-baseline-cli")) {
      against = compareClis(subjects, only, stockMax, rounds);
    }
    return report(sizes, stockMax) + against;
  }

  /**
   * The file of {@code distribution/target} whose name matches {@code regex} (run.sh builds it).
   */
  private static Path distributionFile(String regex) throws IOException {
    Path target = Corpus.projectRoot().resolve("distribution/target");
    try (var files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().matches(regex))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + regex + " in " + target));
    }
  }

  /** Unpacks distribution's archive into the work directory; its {@code bin/drydock}. */
  private Path installLauncher() throws Exception {
    Path archive = distributionFile("drydock-.*\\.tar\\.gz");
    Path install = Files.createDirectories(work.resolve("cli-install"));
    ChildRun.run(
        "unpack " + archive,
        List.of("tar", "xzf", archive.toString(), "-C", install.toString()),
        null,
        Map.of(),
        work.resolve("cli-install.log"),
        Duration.ofMinutes(2));
    try (var dirs = Files.list(install)) {
      return dirs.findFirst().orElseThrow().resolve("bin/drydock");
    }
  }

  /**
   * With {@code --codegen-baseline-cli=JAR} (an earlier build's CLI jar, e.g. built from the commit
   * an issue was filed against; {@code --codegen-baseline-label} names it): that CLI and this
   * build's, forced, in alternating fresh JVMs on the same schemas.
   */
  private String compareClis(
      Map<String, Subject> subjects, List<String> only, int stockMax, int rounds) throws Exception {
    Path thisJar = distributionFile("drydock-cli-.*-cli\\.jar");
    String baseLabel = options.getOrDefault("codegen-baseline-label", "baseline");
    List<CliComparison.Cli> clis =
        List.of(
            new CliComparison.Cli(
                baseLabel, Path.of(options.get("codegen-baseline-cli")), List.of()),
            new CliComparison.Cli("this build", thisJar, List.of()),
            new CliComparison.Cli("this build, launcher's JVM options", thisJar, CLI_JVM_OPTIONS),
            new CliComparison.Cli(
                "this build through bin/drydock (its JVM options and class data sharing archive)",
                installLauncher(),
                List.of()));
    CliComparison comparison = new CliComparison(work.resolve("cli"));
    // two untimed rounds: the launcher's first run leaves a marker, its second writes the archive
    for (int round = -1; round <= rounds; round++) {
      for (Map.Entry<String, Subject> s : subjects.entrySet()) {
        String name = s.getKey();
        boolean wide = name.startsWith("wide");
        if (!only.contains(wide ? "wide" : name)
            || (wide && Integer.parseInt(name.substring(4)) > stockMax)) {
          continue;
        }
        comparison.round(
            name, s.getValue().dir(), s.getValue().pg18() ? Corpus.postgres18Jar() : null, clis);
      }
      if (round <= 0) {
        comparison.forget(); // fill each CLI's binaries cache and the launcher's archive, untimed
      }
    }
    return "### Against "
        + baseLabel
        + "\n\n`drydock generate --force --no-snapshots` by each CLI jar, a fresh JVM each (`-XX:MaxRAM=7g"
        + " -XX:ActiveProcessorCount=2`, default heap and collector unless said), measured by"
        + " `/usr/bin/time`, rounds alternating the jars after two untimed rounds (binaries caches,"
        + " the launcher's marker and archive); ratios against "
        + baseLabel
        + " on the same schema in the same run.\n\n"
        + comparison.report(clis)
        + "\n";
  }

  /**
   * The report of an earlier run from its progress lines ({@code codegen: LABEL {k=v, ...}}), with
   * {@code --codegen-replay=LOG}: what a run measured is not lost when rendering its report fails.
   */
  private String replay(Path log) throws Exception {
    java.util.regex.Pattern line =
        java.util.regex.Pattern.compile("codegen: (\\S+/\\S+) \\{(.*)\\}$");
    for (String text : Files.readAllLines(log)) {
      java.util.regex.Matcher m = line.matcher(text);
      if (m.find() && !m.group(1).startsWith("warmup")) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String kv : m.group(2).split(", ")) {
          String[] p = kv.split("=", 2);
          result.put(p[0], p[1]);
        }
        samples.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(result);
      }
    }
    return report(
        java.util.Arrays.stream(options.getOrDefault("codegen-sizes", "100,1000,5000").split(","))
            .map(Integer::parseInt)
            .toList(),
        Integer.parseInt(options.getOrDefault("codegen-stock-max", "1000")));
  }

  private void incremental(
      String name, List<MigrationFile> files, boolean pg18, String dataSql, int round)
      throws Exception {
    // one added: N with snapshots (the snapshot of N saved), then N+1 from it
    Path n = write(name + "-n-" + round, files, files.size() - 1);
    Path added = write(name + "-added-" + round, files, files.size());
    Path out = out();
    probe(name + "/prepare", n, "drydock", "on", false, out, pg18);
    probe(name + "/added", added, "drydock", "on", false, out, pg18);
    // data only: N (from its snapshot now), then N plus an INSERT
    Path data = write(name + "-data-" + round, files, files.size() - 1);
    String version = "V" + (files.size() + 100) + "__data_only.sql";
    Files.writeString(data.resolve(version), dataSql, StandardCharsets.UTF_8);
    Path outData = out();
    probe(name + "/prepare", n, "drydock", "on", false, outData, pg18);
    probe(name + "/data", data, "drydock", "on", false, outData, pg18);
  }

  private Path write(String name, List<MigrationFile> files, int count) {
    return MigrationFile.writeFirst(files, count, work.resolve(name));
  }

  private int outs;

  private Path out() {
    return work.resolve("out-" + outs++);
  }

  /** The JVM options {@code bin/drydock} adds unless the user's own choose otherwise. */
  static final List<String> CLI_JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private void probe(
      String label,
      Path migrations,
      String meta,
      String snapshots,
      boolean force,
      Path out,
      boolean pg18)
      throws Exception {
    probe(label, migrations, meta, snapshots, force, out, pg18, List.of());
  }

  private void probe(
      String label,
      Path migrations,
      String meta,
      String snapshots,
      boolean force,
      Path out,
      boolean pg18,
      List<String> jvmOptions)
      throws Exception {
    Machine.progress("codegen: " + label);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:MaxRAM=7g");
    command.add("-XX:ActiveProcessorCount=2");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CodegenProbe.class.getName());
    command.add("--migrations=" + migrations);
    command.add("--out=" + out);
    command.add("--cache=" + probeCache);
    command.add("--meta=" + meta);
    command.add("--snapshots=" + snapshots);
    command.add("--force=" + force);
    if (pg18) {
      command.add("--pg18=" + Corpus.postgres18Jar());
    }
    Path log = work.resolve("probe-" + outs + "-" + label.replace('/', '-') + ".log");
    ChildRun run;
    try {
      run = ChildRun.run("codegen " + label, command, null, Map.of(), log, Duration.ofMinutes(40));
    } catch (IllegalStateException e) {
      String last = e.getMessage().lines().filter(l -> l.contains("ERROR")).findFirst().orElse("");
      Machine.progress("codegen: " + label + " FAILED " + last);
      failures.add(label + ": " + last);
      return;
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String line : run.output().split("\\R")) {
      if (line.startsWith("RESULT ")) {
        for (String kv : line.substring(7).split(" ")) {
          String[] p = kv.split("=", 2);
          result.put(p[0], p[1]);
        }
      }
    }
    result.put("wall", String.format(Locale.ROOT, "%.0f", run.wallMillis()));
    samples.computeIfAbsent(label, k -> new ArrayList<>()).add(result);
    Machine.progress("codegen: " + label + " " + result);
  }

  private Stats stat(String label, String key) {
    List<Double> values = new ArrayList<>();
    for (Map<String, String> s : samples.getOrDefault(label, List.of())) {
      if (s.containsKey(key)) {
        values.add(Double.parseDouble(s.get(key)));
      }
    }
    return Stats.of(values);
  }

  private String report(List<Integer> sizes, int stockMax) throws Exception {
    StringBuilder md = new StringBuilder("## Code generation at scale (issue 25)\n\n");
    md.append(
        "Each run a fresh JVM with the default heap of a 2-core, 7 GB machine (`-XX:MaxRAM=7g"
            + " -XX:ActiveProcessorCount=2`, no `-Xmx`), snapshots off unless said; medians in"
            + " seconds. *start* = provider start or snapshot restore plus Flyway, *hash* = the"
            + " catalog hash, *meta* = jOOQ-meta reading, *write* = jOOQ's writing, *swap* ="
            + " staging, fingerprint and the move into place; *run* = the whole `CodeGeneration.run()`,"
            + " *JVM* = the process's wall time; RSS = peak resident set (`VmHWM`). jOOQ"
            + " `PostgresDatabase` = jOOQ's own reader and writer (`PostgresDatabase`,"
            + " `JavaGenerator`); Drydock = `DrydockPostgresDatabase` and `DrydockJavaGenerator`;"
            + " *CLI launcher's JVM options* = the same run with `"
            + String.join(" ", CLI_JVM_OPTIONS)
            + "`, which `bin/drydock` adds (the Maven goal runs in Maven's JVM).\n\n");
    MarkdownTable forced =
        MarkdownTable.of(
            "schema",
            "jOOQ-meta",
            "files",
            "start",
            "hash",
            "meta",
            "write",
            "swap",
            "run",
            "JVM",
            "JVM CPU",
            "peak RSS",
            "run ÷ stock",
            "CPU ÷ stock",
            "RSS ÷ stock");
    for (String label : samples.keySet()) {
      if (!label.endsWith("/stock") && !label.endsWith("/drydock") && !label.endsWith("/cli")) {
        continue;
      }
      String schema = label.substring(0, label.indexOf('/'));
      boolean stock = label.endsWith("/stock");
      String base = schema + "/stock";
      String ratio = "";
      String rssRatio = "";
      String cpuRatio = "";
      if (!stock && samples.containsKey(base)) {
        ratio = x(stat(label, "total").median() / stat(base, "total").median());
        cpuRatio = x(stat(label, "cpu").median() / stat(base, "cpu").median());
        rssRatio = x(stat(label, "rss").median() / stat(base, "rss").median());
      }
      forced.row(
          schema,
          stock
              ? "jOOQ `PostgresDatabase`"
              : label.endsWith("/cli")
                  ? "Drydock (default), CLI launcher's JVM options"
                  : "Drydock (default)",
          samples.get(label).get(0).get("files"),
          s(stat(label, "start")),
          s(stat(label, "hash")),
          s(stat(label, "meta")),
          s(stat(label, "write")),
          s(stat(label, "swap")),
          s(stat(label, "total")),
          s(stat(label, "wall")),
          s(stat(label, "cpu")),
          String.format(Locale.ROOT, "%.0f MB", stat(label, "rss").median() / 1024),
          ratio,
          cpuRatio,
          rssRatio);
    }
    md.append("### Forced generation\n\n").append(forced).append('\n');
    for (String failure : failures) {
      md.append("- failed: ").append(failure).append('\n');
    }
    md.append('\n');
    MarkdownTable inc =
        MarkdownTable.of(
            "history",
            "case",
            "run",
            "JVM",
            "kept sources",
            "started from",
            "÷ N+1 forced, no snapshots (run)",
            "(JVM)",
            "JVM CPU",
            "(JVM CPU)");
    for (String name : List.of("history", "pagila")) {
      for (String c : List.of("added", "data")) {
        String label = name + "/" + c;
        if (!samples.containsKey(label)) {
          continue;
        }
        inc.row(
            name,
            c.equals("added") ? "one migration added" : "a data-only migration added",
            s(stat(label, "total")),
            s(stat(label, "wall")),
            samples.get(label).get(0).get("kept"),
            samples.get(label).get(0).get("from").replace('_', ' '),
            x(stat(label, "total").median() / stat(name + "/drydock", "total").median()),
            x(stat(label, "wall").median() / stat(name + "/drydock", "wall").median()),
            s(stat(label, "cpu")),
            x(stat(label, "cpu").median() / stat(name + "/drydock", "cpu").median()));
      }
    }
    md.append("### Incremental runs with snapshots\n\n")
        .append(
            "*JVM CPU* = the process's CPU time, every thread's (the JIT compiler's too); under load"
                + " its ratio is steadier than the wall times'.\n\n")
        .append(inc)
        .append('\n');
    if (sizes.size() > 1
        && samples.containsKey("wide" + sizes.get(sizes.size() - 1) + "/drydock")) {
      int first = sizes.get(sizes.size() - 2);
      int last = sizes.get(sizes.size() - 1);
      double growth =
          stat("wide" + last + "/drydock", "total").median()
              / stat("wide" + first + "/drydock", "total").median();
      md.append(
          String.format(
              Locale.ROOT,
              "Growth from %,d to %,d tables (Drydock, run): %.2fx for %.1fx the tables.%n%n",
              first,
              last,
              growth,
              (double) last / first));
    }
    if (curve("drydock", sizes).size() < 2) {
      return md.toString();
    }
    Path svg = Corpus.projectRoot().resolve("benchmarks/results/codegen-scale.svg");
    Files.writeString(svg, ScaleChart.render(curve("drydock", sizes), curve("stock", sizes)));
    md.append("The curve: [`codegen-scale.svg`](codegen-scale.svg).\n\n");
    return md.toString();
  }

  /** {tables, run seconds, peak RSS MB} per measured size. */
  private List<double[]> curve(String meta, List<Integer> sizes) {
    List<double[]> points = new ArrayList<>();
    for (int n : sizes) {
      String label = "wide" + n + "/" + meta;
      if (samples.containsKey(label)) {
        points.add(
            new double[] {
              n, stat(label, "total").median() / 1e3, stat(label, "rss").median() / 1024
            });
      }
    }
    return points;
  }

  private static String s(Stats stats) {
    if (stats.isEmpty()) {
      return "";
    }
    return stats.n() == 1
        ? String.format(Locale.ROOT, "%.2f", stats.median() / 1e3)
        : String.format(
            Locale.ROOT,
            "%.2f (%.2f–%.2f)",
            stats.median() / 1e3,
            stats.min() / 1e3,
            stats.max() / 1e3);
  }

  private static String x(double ratio) {
    return String.format(Locale.ROOT, "**%.2fx**", ratio);
  }

  private record Subject(Path dir, boolean pg18, String unused) {}
}
