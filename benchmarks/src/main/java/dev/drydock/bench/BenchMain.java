package dev.drydock.bench;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmark harness behind {@code benchmarks/run.sh}. Measures, in this order:
 *
 * <ol>
 *   <li><b>builds</b>: the {@code drydock:generate} goal through real {@code mvn} processes on a
 *       temporary copy of the project (seed schema: {@code generated-module}; Pagila: a small
 *       fixture project), scenarios cold / warm / no-op, against the same build with the goal
 *       skipped, interleaved round by round so load drifts hit every scenario alike;
 *   <li><b>jmh</b>: the hand-written pipeline, {@code PullWorkflow} and {@code DDLDatabase}
 *       in-process ({@link InProcessBench}), once per fresh JVM and in a hot JVM;
 *   <li><b>anatomy</b>: where a warm generation's time goes ({@link Anatomy}), plus two candidate
 *       speed-ups measured on the same machine;
 *   <li><b>diff</b> (only with {@code --sections=...,diff}): introspecting both sides and comparing
 *       generated schemas of 100 to 2,000 tables, against jOOQ's {@code Meta} ({@link DiffBench});
 *   <li><b>suite</b> (only with {@code --suite}): {@code ./mvnw -B -o verify} against the same
 *       build with {@code -DskipTests}.
 * </ol>
 *
 * Every figure is a median with min–max over the samples, and a ratio to a baseline measured in the
 * same run. Prints a Markdown report and writes it to {@code --out}.
 */
public final class BenchMain {

  private static final Pattern GOAL_LINE = Pattern.compile("\\[drydock\\] (.*) \\[(\\d+) ms\\]");

  private final Path root;
  private final int runs;
  private final int forks;
  private final List<Corpus> corpora;
  private final Set<String> sections;
  private final Path out;
  private final Path m2;
  private final Path work;
  private final int anatomyJvms;
  private final String mavenOpts;
  private final Map<String, String> options;
  private final StringBuilder report = new StringBuilder();
  private final Map<Corpus, Stats> handFresh = new LinkedHashMap<>();
  private final Map<Corpus, Stats> warmGoal = new LinkedHashMap<>();
  private final Map<Corpus, Map<String, Stats>> buildResults = new LinkedHashMap<>();
  private final Map<Corpus, Map<String, Stats>> goalResults = new LinkedHashMap<>();
  private final Map<Corpus, Boolean> noopStartedDatabase = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private Stats suite = Stats.of(List.of());
  private Stats suiteBaseline = Stats.of(List.of());

  private BenchMain(Map<String, String> options) throws IOException {
    this.root = Corpus.projectRoot();
    this.runs = Integer.parseInt(options.getOrDefault("runs", "5"));
    this.forks = Integer.parseInt(options.getOrDefault("forks", "5"));
    this.corpora =
        Arrays.stream(options.getOrDefault("corpora", "seed,pagila").split(","))
            .map(Corpus::parse)
            .toList();
    this.sections =
        new TreeSet<>(
            Arrays.asList(options.getOrDefault("sections", "builds,jmh,anatomy").split(",")));
    if (options.containsKey("suite")) {
      sections.add("suite");
    }
    this.out = root.resolve(options.getOrDefault("out", "benchmarks/results/latest.md"));
    this.m2 =
        Path.of(
            options.getOrDefault(
                "m2", Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    this.anatomyJvms = Integer.parseInt(options.getOrDefault("anatomy-jvms", "3"));
    this.mavenOpts = options.get("maven-opts");
    this.options = Map.copyOf(options);
    this.work = Files.createTempDirectory("drydock-bench-");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
      String[] kv = arg.substring(2).split("=", 2);
      options.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    BenchMain bench = new BenchMain(options);
    try {
      bench.run(String.join(" ", args));
    } finally {
      FileTrees.deleteQuietly(bench.work);
    }
  }

  private void run(String args) throws Exception {
    String started =
        DateTimeFormatter.ISO_INSTANT.format(
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    String loadBefore = loadAverage();
    long t0 = System.nanoTime();
    progress("work directory " + work + "; sections " + sections + "; corpora " + corpora);
    StringBuilder body = new StringBuilder();
    // the in-process baseline first: the build table divides by it
    String inProcess = sections.contains("jmh") ? jmh() : "";
    if (sections.contains("builds")) {
      body.append(builds());
    }
    body.append(inProcess);
    if (sections.contains("anatomy")) {
      body.append(anatomy());
    }
    if (sections.contains("diff")) {
      body.append(new DiffBench(runs, work, BenchMain::progress).run());
    }
    if (sections.contains("suite")) {
      body.append(suite());
    }
    if (sections.contains("dao")) {
      body.append(new DaoSection(options, root, work).run());
    }
    String loadAfter = loadAverage();
    report
        .append("# Drydock benchmarks\n\n")
        .append("- date: ")
        .append(started)
        .append(String.format(Locale.ROOT, " (took %.1f min)%n", (System.nanoTime() - t0) / 6e10))
        .append("- command: `benchmarks/run.sh")
        .append(args.isBlank() ? "" : " " + args)
        .append("`\n")
        .append("- machine: ")
        .append(machine())
        .append("\n- load average (1/5/15 min) before: ")
        .append(loadBefore)
        .append(", after: ")
        .append(loadAfter)
        .append(" — with load above the core count, absolute figures are inflated and noisy;")
        .append(" compare ratios, and re-run on a quiet machine for absolute ones\n\n")
        .append(targets())
        .append(body);
    if (!notes.isEmpty()) {
      report.append("## Notes\n\n");
      notes.forEach(n -> report.append("- ").append(n).append('\n'));
      report.append('\n');
    }
    System.out.println();
    System.out.println(report);
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
    progress("written to " + out);
  }

  // ---------------------------------------------------------------- builds (mvn processes)

  private String builds() throws IOException, InterruptedException {
    Path repo = work.resolve("repo");
    copyProject(root, repo);
    Path localRepo = work.resolve("m2");
    String version = layOutPlugin(localRepo);
    StringBuilder md = new StringBuilder();
    md.append("## Pull workflow through the Maven goal\n\n")
        .append(sectionLoad())
        .append("Each sample is one `mvn -o package -Dmaven.test.skip=true` process on a temporary")
        .append(" copy of the project, the plugin taken from the reactor build (`")
        .append(version)
        .append("`). Scenarios run interleaved, round by round. Build = wall time of the whole mvn")
        .append(" process; goal = the time the goal logs itself (`[drydock] … [NN ms]`).")
        .append(" Baselines: the same build with `-Ddrydock.skip` (so build − skipped = the goal's")
        .append(
            " share of the build), and the hand-written pipeline in a fresh JVM (JMH below).\n\n")
        .append(
            "| schema | scenario | build | × build with goal skipped | goal's share of the build"
                + " | goal (logged) | goal ÷ hand-written (fresh JVM) | database started |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (Corpus corpus : corpora) {
      Path module;
      Path migrations;
      if (corpus == Corpus.SEED) {
        module = repo.resolve("generated-module");
        migrations = repo.resolve("migrations");
      } else {
        module = work.resolve("pagila-project");
        migrations = module.resolve("migrations");
        corpus.writeMigrations(migrations);
        Files.writeString(module.resolve("pom.xml"), pagilaPom(version));
      }
      Path warmCache = work.resolve("cache-" + corpus.label());
      Map<String, List<Double>> build = new LinkedHashMap<>();
      Map<String, List<Double>> goal = new LinkedHashMap<>();
      Map<String, Boolean> started = new LinkedHashMap<>();
      progress(corpus.label() + ": priming (untimed forced build)");
      mvn(repo, module, localRepo, warmCache, List.of("-Ddrydock.force=true"));
      for (int round = 1; round <= runs; round++) {
        progress(corpus.label() + ": round " + round + "/" + runs);
        // cold: no binaries cache, no cluster template, no output
        FileTrees.deleteQuietly(module.resolve("target"));
        Path coldCache = work.resolve("cache-cold");
        FileTrees.deleteQuietly(coldCache);
        record("cold", mvn(repo, module, localRepo, coldCache, List.of()), build, goal, started);
        FileTrees.deleteQuietly(coldCache);
        // warm: a migration changed, everything cached
        Files.writeString(
            corpus.lastMigration(migrations),
            "\n-- benchmark round " + round + "\n",
            StandardOpenOption.APPEND);
        record("warm", mvn(repo, module, localRepo, warmCache, List.of()), build, goal, started);
        // no-op: nothing changed
        record("no-op", mvn(repo, module, localRepo, warmCache, List.of()), build, goal, started);
        // baseline: the same build without the goal
        record(
            "goal skipped",
            mvn(repo, module, localRepo, warmCache, List.of("-Ddrydock.skip=true")),
            build,
            goal,
            started);
      }
      Stats skipped = Stats.of(build.get("goal skipped"));
      Map<String, Stats> buildStats = new LinkedHashMap<>();
      Map<String, Stats> goalStats = new LinkedHashMap<>();
      for (String scenario : List.of("cold", "warm", "no-op", "goal skipped")) {
        Stats b = Stats.of(build.get(scenario));
        Stats g = Stats.of(goal.getOrDefault(scenario, List.of()));
        buildStats.put(scenario, b);
        goalStats.put(scenario, g);
        List<Double> share = new ArrayList<>();
        for (double s : build.get(scenario)) {
          share.add(s - skipped.median());
        }
        md.append("| ")
            .append(corpus.label())
            .append(" | ")
            .append(scenario)
            .append(" | ")
            .append(b.seconds())
            .append(" | ")
            .append(scenario.equals("goal skipped") ? "1.00x (baseline)" : b.ratioTo(skipped))
            .append(" | ")
            .append(scenario.equals("goal skipped") ? "—" : Stats.of(share).seconds())
            .append(" | ")
            .append(g.isEmpty() ? "—" : g.millis())
            .append(" | ")
            .append(
                scenario.equals("goal skipped") || !handFresh.containsKey(corpus)
                    ? ""
                    : g.ratioTo(handFresh.get(corpus)))
            .append(" | ")
            .append(
                scenario.equals("goal skipped")
                    ? "no"
                    : Boolean.TRUE.equals(started.get(scenario)) ? "yes" : "no")
            .append(" |\n");
      }
      buildResults.put(corpus, buildStats);
      goalResults.put(corpus, goalStats);
      warmGoal.put(corpus, goalStats.get("warm"));
      noopStartedDatabase.put(corpus, Boolean.TRUE.equals(started.get("no-op")));
    }
    md.append('\n');
    return md.toString();
  }

  private record MvnRun(double wallMillis, Optional<Double> goalMillis, boolean startedDatabase) {}

  private static void record(
      String scenario,
      MvnRun run,
      Map<String, List<Double>> build,
      Map<String, List<Double>> goal,
      Map<String, Boolean> started) {
    build.computeIfAbsent(scenario, k -> new ArrayList<>()).add(run.wallMillis());
    run.goalMillis().ifPresent(g -> goal.computeIfAbsent(scenario, k -> new ArrayList<>()).add(g));
    started.merge(scenario, run.startedDatabase(), Boolean::logicalOr);
  }

  private MvnRun mvn(Path repo, Path module, Path localRepo, Path cache, List<String> extra)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(repo.resolve("mvnw").toString());
    command.addAll(
        List.of(
            "-o",
            "-B",
            "-f",
            module.resolve("pom.xml").toString(),
            "package",
            "-Dmaven.test.skip=true",
            "-Dmaven.repo.local=" + localRepo,
            "-Dmaven.repo.local.tail=" + m2));
    command.addAll(extra);
    Path log = work.resolve("mvn.log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(module.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("DRYDOCK_CACHE", cache.toString());
    if (mavenOpts != null) {
      pb.environment().put("MAVEN_OPTS", mavenOpts);
    }
    long t = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("mvn did not finish in 15 min: " + command);
    }
    double wall = (System.nanoTime() - t) / 1e6;
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "mvn failed (exit " + p.exitValue() + "): " + command + "\n" + tail(output, 40));
    }
    Optional<Double> goal = Optional.empty();
    Matcher m = GOAL_LINE.matcher(output);
    while (m.find()) {
      goal = Optional.of(Double.parseDouble(m.group(2)));
    }
    boolean started = output.contains("[drydock] Using ");
    return new MvnRun(wall, goal, started);
  }

  /** The project minus .git and build output: what the builds run on. */
  private static void copyProject(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(from)
                && (name.equals(".git") || name.equals("target") || name.equals("results"))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (!file.getFileName().toString().equals(".git")) {
              Files.copy(
                  file,
                  to.resolve(from.relativize(file).toString()),
                  StandardCopyOption.COPY_ATTRIBUTES);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * A temporary local repository holding only the reactor-built plugin and the parent pom; every
   * other artifact comes read-only from the user's repository ({@code maven.repo.local.tail}), so
   * nothing is installed there.
   */
  private String layOutPlugin(Path localRepo) throws IOException {
    Path target = root.resolve("schema-module/target");
    Path jar;
    try (var files = Files.list(target)) {
      jar =
          files
              .filter(
                  f -> f.getFileName().toString().matches("drydock-schema-[^-]+(-SNAPSHOT)?\\.jar"))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("no plugin jar in " + target + ": use run.sh"));
    }
    String version =
        jar.getFileName().toString().replaceFirst("^drydock-schema-", "").replace(".jar", "");
    Path schema = localRepo.resolve("dev/drydock/drydock-schema/" + version);
    Path parent = localRepo.resolve("dev/drydock/drydock-parent/" + version);
    Files.createDirectories(schema);
    Files.createDirectories(parent);
    Files.copy(jar, schema.resolve("drydock-schema-" + version + ".jar"));
    Files.copy(
        root.resolve("schema-module/pom.xml"),
        schema.resolve("drydock-schema-" + version + ".pom"));
    Files.copy(root.resolve("pom.xml"), parent.resolve("drydock-parent-" + version + ".pom"));
    return version;
  }

  private static String pagilaPom(String version) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>dev.drydock</groupId>
            <artifactId>drydock-parent</artifactId>
            <version>%s</version>
            <relativePath/>
          </parent>
          <artifactId>bench-pagila</artifactId>
          <dependencies>
            <dependency>
              <groupId>org.jooq</groupId>
              <artifactId>jooq</artifactId>
            </dependency>
          </dependencies>
          <build>
            <plugins>
              <plugin>
                <groupId>dev.drydock</groupId>
                <artifactId>drydock-schema</artifactId>
                <executions>
                  <execution>
                    <goals><goal>generate</goal></goals>
                    <configuration>
                      <migrations><migration>${project.basedir}/migrations</migration></migrations>
                      <packageName>org.pagila</packageName>
                      <postgresVersion>%s</postgresVersion>
                    </configuration>
                  </execution>
                </executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """
        .formatted(version, Corpus.PAGILA.postgresVersion());
  }

  // ---------------------------------------------------------------- jmh (in-process)

  private String jmh() throws RunnerException {
    String load = sectionLoad();
    Map<Corpus, String> ddlFailure = new LinkedHashMap<>();
    for (Corpus corpus : corpora) {
      progress(corpus.label() + ": probing DDLDatabase");
      probeDdl(corpus).ifPresent(why -> ddlFailure.put(corpus, why));
    }
    Map<String, Stats> fresh = new LinkedHashMap<>();
    Map<String, Stats> hot = new LinkedHashMap<>();
    for (Corpus corpus : corpora) {
      String methods =
          ddlFailure.containsKey(corpus)
              ? "handWritten|pullWorkflowForced"
              : "handWritten|pullWorkflowForced|ddlDatabase";
      progress(corpus.label() + ": JMH, fresh JVM per sample (" + forks + " forks)");
      collect(
          corpus,
          jmhOptions(corpus, methods, "fresh").warmupIterations(0).measurementIterations(1),
          forks,
          fresh);
      progress(corpus.label() + ": JMH, hot JVM");
      collect(
          corpus,
          jmhOptions(corpus, methods, "hot").warmupIterations(2).measurementIterations(4),
          1,
          hot);
      handFresh.put(corpus, fresh.get(key(corpus, "handWritten")));
    }
    StringBuilder md = new StringBuilder();
    md.append("## In-process pipelines (JMH, single shot)\n\n")
        .append(load)
        .append("One generation per operation, binaries cache warm. *Fresh JVM*: one sample per")
        .append(" forked JVM, no warm-up (what a build pays: class loading, JIT). *Hot JVM*: 2")
        .append(" warm-up then 4 measured operations in one fork (the floor without JVM start-up).")
        .append(" Baseline: the hand-written pipeline (ThrowawayDatabase + plain Flyway + jOOQ")
        .append(" GenerationTool, same generator settings), same corpus, same run.\n\n")
        .append("| schema | pipeline | fresh JVM | × hand-written | hot JVM | × hand-written |\n")
        .append("|---|---|---|---|---|---|\n");
    for (Corpus corpus : corpora) {
      Stats handF = fresh.get(key(corpus, "handWritten"));
      Stats handH = hot.get(key(corpus, "handWritten"));
      for (String method : List.of("handWritten", "pullWorkflowForced", "ddlDatabase")) {
        String label =
            switch (method) {
              case "handWritten" -> "hand-written (baseline)";
              case "pullWorkflowForced" -> "Drydock PullWorkflow (forced)";
              default -> "jOOQ DDLDatabase (no PostgreSQL)";
            };
        if (method.equals("ddlDatabase") && ddlFailure.containsKey(corpus)) {
          md.append("| ")
              .append(corpus.label())
              .append(" | ")
              .append(label)
              .append(" | cannot: ")
              .append(ddlFailure.get(corpus).replace("|", "\\|"))
              .append(" | | | |\n");
          continue;
        }
        Stats f = fresh.getOrDefault(key(corpus, method), Stats.of(List.of()));
        Stats h = hot.getOrDefault(key(corpus, method), Stats.of(List.of()));
        md.append("| ")
            .append(corpus.label())
            .append(" | ")
            .append(label)
            .append(" | ")
            .append(f.seconds())
            .append(" | ")
            .append(f.ratioTo(handF == null ? Stats.of(List.of()) : handF))
            .append(" | ")
            .append(h.seconds())
            .append(" | ")
            .append(h.ratioTo(handH == null ? Stats.of(List.of()) : handH))
            .append(" |\n");
      }
    }
    md.append('\n');
    return md.toString();
  }

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
            "-D" + Corpus.ROOT_PROPERTY + "=" + root,
            "-D" + Corpus.PG18_PROPERTY + "=" + System.getProperty(Corpus.PG18_PROPERTY, ""))
        .output(work.resolve("jmh-" + corpus.label() + "-" + kind + ".log").toString());
  }

  private void collect(
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

  // ---------------------------------------------------------------- anatomy

  private String anatomy() throws IOException, InterruptedException {
    StringBuilder md = new StringBuilder();
    md.append("## Where a warm generation's time goes\n\n")
        .append(sectionLoad())
        .append("The hand-written pipeline with a timer per phase (`Anatomy`): ")
        .append(anatomyJvms)
        .append(" JVMs × 3")
        .append(" generations, binaries cache warm; *fresh* = the first generation of each JVM,")
        .append(" *hot* = the others. Then the pieces of a provider start timed alone, and three")
        .append(" candidate speed-ups: the data directory on tmpfs (`-Djava.io.tmpdir=/dev/shm`),")
        .append(" the PostgreSQL start overlapped with Flyway/jOOQ class loading, and C1-only JIT")
        .append(" for the short-lived JVM.\n\n");
    for (Corpus corpus : corpora) {
      Path cache = work.resolve("anatomy-cache-" + corpus.label());
      progress(corpus.label() + ": anatomy, cold cache (one JVM)");
      Map<String, Map<String, List<Double>>> cold = anatomyRuns(corpus, cache, 1, 1, List.of());
      progress(corpus.label() + ": anatomy, warm cache");
      Map<String, Map<String, List<Double>>> warm =
          anatomyRuns(corpus, cache, anatomyJvms, 3, List.of("pieces"));
      md.append("### ")
          .append(corpus.label())
          .append(
              "\n\n| phase | fresh JVM | share | hot JVM | share | cold cache, fresh JVM (n=1) |\n")
          .append("|---|---|---|---|---|---|\n");
      Map<String, List<Double>> fresh = warm.getOrDefault("fresh", Map.of());
      Map<String, List<Double>> hot = warm.getOrDefault("hot", Map.of());
      Map<String, List<Double>> coldFresh = cold.getOrDefault("fresh", Map.of());
      Stats freshTotal = Stats.of(fresh.getOrDefault("total", List.of()));
      Stats hotTotal = Stats.of(hot.getOrDefault("total", List.of()));
      for (String phase : fresh.keySet()) {
        Stats f = Stats.of(fresh.get(phase));
        Stats h = Stats.of(hot.getOrDefault(phase, List.of()));
        md.append("| ")
            .append(phase)
            .append(" | ")
            .append(f.millis())
            .append(" | ")
            .append(phase.equals("total") ? "" : percent(f, freshTotal))
            .append(" | ")
            .append(h.millis())
            .append(" | ")
            .append(phase.equals("total") ? "" : percent(h, hotTotal))
            .append(" | ")
            .append(Stats.of(coldFresh.getOrDefault(phase, List.of())).millis())
            .append(" |\n");
      }
      md.append("\n| piece of a provider start, timed alone | time |\n|---|---|\n");
      for (Map.Entry<String, List<Double>> piece :
          warm.getOrDefault("piece", Map.of()).entrySet()) {
        md.append("| ")
            .append(piece.getKey())
            .append(" | ")
            .append(Stats.of(piece.getValue()).millis())
            .append(" |\n");
      }
      md.append("\n| candidate speed-up | provider start, fresh | total, fresh |")
          .append(" × baseline total, fresh | total, hot | × baseline total, hot |\n")
          .append("|---|---|---|---|---|---|\n");
      md.append(candidate("baseline (as above)", fresh, hot, freshTotal, hotTotal));
      Path shm = Path.of("/dev/shm");
      if (Files.isDirectory(shm) && Files.isWritable(shm)) {
        progress(corpus.label() + ": anatomy, data directory on tmpfs");
        var tmpfs = anatomyRuns(corpus, cache, anatomyJvms, 3, List.of("tmpfs"));
        md.append(
            candidate(
                "data directory on tmpfs (/dev/shm)",
                tmpfs.getOrDefault("fresh", Map.of()),
                tmpfs.getOrDefault("hot", Map.of()),
                freshTotal,
                hotTotal));
      }
      progress(corpus.label() + ": anatomy, start overlapped with class loading");
      var overlapped = anatomyRuns(corpus, cache, anatomyJvms, 3, List.of("overlapped"));
      md.append(
          candidate(
              "PostgreSQL start overlapped with class loading",
              overlapped.getOrDefault("fresh", Map.of()),
              overlapped.getOrDefault("hot", Map.of()),
              freshTotal,
              hotTotal));
      progress(corpus.label() + ": anatomy, C1 only (-XX:TieredStopAtLevel=1)");
      var c1 = anatomyRuns(corpus, cache, anatomyJvms, 3, List.of("c1"));
      md.append(
          candidate(
              "JVM flag -XX:TieredStopAtLevel=1 (C1 only)",
              c1.getOrDefault("fresh", Map.of()),
              c1.getOrDefault("hot", Map.of()),
              freshTotal,
              hotTotal));
      md.append('\n');
    }
    return md.toString();
  }

  private static String candidate(
      String label,
      Map<String, List<Double>> fresh,
      Map<String, List<Double>> hot,
      Stats baseFresh,
      Stats baseHot) {
    List<Double> start = new ArrayList<>(fresh.getOrDefault("provider start", List.of()));
    if (start.isEmpty()) {
      // overlapped: the start that was not hidden behind class loading
      start.addAll(fresh.getOrDefault("provider start (rest)", List.of()));
    }
    Stats f = Stats.of(fresh.getOrDefault("total", List.of()));
    Stats h = Stats.of(hot.getOrDefault("total", List.of()));
    return "| "
        + label
        + " | "
        + Stats.of(start).millis()
        + " | "
        + f.millis()
        + " | "
        + f.ratioTo(baseFresh)
        + " | "
        + h.millis()
        + " | "
        + h.ratioTo(baseHot)
        + " |\n";
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
      command.add("-D" + Corpus.ROOT_PROPERTY + "=" + root);
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
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "Anatomy failed: " + tail(Files.readString(log, StandardCharsets.UTF_8), 30));
      }
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

  // ---------------------------------------------------------------- suite

  private String suite() throws IOException, InterruptedException {
    Path repo = work.resolve("suite");
    Path copy = repo.resolve("repo");
    copyProject(root, copy);
    Path shared = root.resolve("../shared").normalize();
    if (Files.isDirectory(shared)) {
      Files.createSymbolicLink(repo.resolve("shared"), shared);
    }
    progress("suite: ./mvnw -B -o verify -DskipTests (baseline)");
    suiteBaseline = Stats.of(List.of(timeMvnw(copy, "verify", "-DskipTests")));
    progress("suite: ./mvnw -B -o verify (this takes minutes)");
    suite = Stats.of(List.of(timeMvnw(copy, "verify")));
    return "## Test suite\n\n"
        + "`./mvnw -B -o verify` once on a fresh copy of the project (no `target/`), against the"
        + " same build with `-DskipTests` (compile, package, no tests, no invoker runs).\n\n"
        + "| build | time | × verify -DskipTests | × the 10-minute budget |\n|---|---|---|---|\n"
        + "| verify -DskipTests | "
        + suiteBaseline.seconds()
        + " | 1.00x (baseline) | "
        + String.format(Locale.ROOT, "%.2f", suiteBaseline.median() / 600_000)
        + " |\n| verify (all tests) | "
        + suite.seconds()
        + " | "
        + suite.ratioTo(suiteBaseline)
        + " | "
        + String.format(Locale.ROOT, "%.2f", suite.median() / 600_000)
        + " |\n\n";
  }

  private double timeMvnw(Path repo, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(repo.resolve("mvnw").toString(), "-B", "-o"));
    command.addAll(List.of(args));
    Path log = work.resolve("suite.log");
    long t = System.nanoTime();
    Process p =
        new ProcessBuilder(command)
            .directory(repo.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "suite build failed: " + tail(Files.readString(log, StandardCharsets.UTF_8), 40));
    }
    return (System.nanoTime() - t) / 1e6;
  }

  // ---------------------------------------------------------------- targets and machine

  private String targets() {
    StringBuilder md =
        new StringBuilder("## Targets\n\n| target | measured | met? |\n|---|---|---|\n");
    for (Corpus corpus : corpora) {
      Map<String, Stats> goals = goalResults.get(corpus);
      Map<String, Stats> builds = buildResults.get(corpus);
      if (goals != null) {
        Stats noop = goals.get("no-op");
        Stats share =
            Stats.of(
                builds.get("no-op").samples().stream()
                    .map(s -> s - builds.get("goal skipped").median())
                    .toList());
        boolean met = !noop.isEmpty() && noop.max() <= 300 && !noopStartedDatabase.get(corpus);
        md.append("| ")
            .append(corpus.label())
            .append(": no-op ≤ 0.3 s of the build, starts no database | goal ")
            .append(noop.millis())
            .append("; no-op build − skipped build ")
            .append(share.seconds())
            .append("; database started: ")
            .append(noopStartedDatabase.get(corpus) ? "yes" : "no")
            .append(" | ")
            .append(met ? "yes" : "no")
            .append(" |\n");
      }
      Stats warm = warmGoal.get(corpus);
      Stats hand = handFresh.get(corpus);
      if (warm != null && hand != null && !warm.isEmpty() && !hand.isEmpty()) {
        double ratio = warm.median() / hand.median();
        md.append("| ")
            .append(corpus.label())
            .append(": warm ≤ 1.2 × hand-written pipeline | goal (warm) ")
            .append(warm.millis())
            .append(" ÷ hand-written, fresh JVM ")
            .append(hand.millis())
            .append(String.format(Locale.ROOT, " = %.2fx", ratio))
            .append(" | ")
            .append(ratio <= 1.2 ? "yes" : "no")
            .append(" |\n");
      }
    }
    if (!suite.isEmpty()) {
      md.append("| test suite (`./mvnw verify`) < 10 min on this machine | ")
          .append(suite.seconds())
          .append(" | ")
          .append(suite.median() < 600_000 ? "yes" : "no")
          .append(" |\n");
    }
    return md.append('\n').toString();
  }

  private static String machine() {
    String cpu = "unknown CPU";
    String memory = "";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .findFirst()
              .orElse(cpu);
      memory =
          Files.readAllLines(Path.of("/proc/meminfo")).stream()
              .filter(l -> l.startsWith("MemTotal"))
              .map(l -> l.replaceAll("\\D+", ""))
              .map(
                  kb ->
                      String.format(
                          Locale.ROOT, ", %.0f GiB memory", Long.parseLong(kb) / 1048576.0))
              .findFirst()
              .orElse("");
    } catch (IOException | RuntimeException e) {
      // not Linux: fewer details
    }
    return Runtime.getRuntime().availableProcessors()
        + " cores ("
        + cpu
        + ")"
        + memory
        + ", "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version");
  }

  /** Load when a section starts: a section measured under other load than its baseline shows. */
  static String sectionLoad() {
    return "*(load average when this section started: " + loadAverage() + ")*\n\n";
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String tail(String text, int lines) {
    String[] all = text.split("\\R");
    return String.join(
        "\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
  }

  static void progress(String message) {
    System.err.println(
        "[bench "
            + DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now())
            + " load "
            + loadAverage()
            + "] "
            + message);
  }

  static {
    // keep the harness's own DDLDatabase probe quiet
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }
}
