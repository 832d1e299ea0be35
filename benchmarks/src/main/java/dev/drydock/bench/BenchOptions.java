package dev.drydock.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command line of {@code benchmarks/run.sh}: {@code --name=value} or {@code --flag}, see {@code
 * benchmarks/README.md}.
 *
 * @param root the project root
 * @param runs mvn samples per scenario, rounds of the diff section
 * @param forks fresh JVMs per JMH benchmark
 * @param corpora the schemas measured
 * @param sections the sections to run ({@code suite} added by {@code --suite})
 * @param out where the report is written
 * @param m2 the local repository the measured builds read dependencies from
 * @param anatomyJvms JVMs per anatomy measurement
 * @param mavenOpts MAVEN_OPTS for the measured builds, or null
 * @param all every option as given (sections read their own, e.g. {@code dao-forks})
 * @param commandLine the arguments as one line, for the report
 */
record BenchOptions(
    Path root,
    int runs,
    int forks,
    List<Corpus> corpora,
    Set<String> sections,
    Path out,
    Path m2,
    int anatomyJvms,
    String mavenOpts,
    Map<String, String> all,
    String commandLine) {

  /** Every section there is. */
  static final List<String> SECTIONS =
      List.of(
          "builds",
          "jmh",
          "anatomy",
          "diff",
          "suite",
          "dao",
          "snapshots",
          "noop",
          "codegen",
          "lint",
          "draft");

  static BenchOptions parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
      String[] kv = arg.substring(2).split("=", 2);
      options.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    Path root = Corpus.projectRoot();
    Set<String> sections =
        new TreeSet<>(
            Arrays.asList(options.getOrDefault("sections", "builds,jmh,anatomy").split(",")));
    if (options.containsKey("suite")) {
      sections.add("suite");
    }
    for (String section : sections) {
      if (!SECTIONS.contains(section)) {
        throw new IllegalArgumentException(
            "--sections: unknown section " + section + ", expected some of " + SECTIONS);
      }
    }
    return new BenchOptions(
        root,
        Integer.parseInt(options.getOrDefault("runs", "5")),
        Integer.parseInt(options.getOrDefault("forks", "5")),
        Arrays.stream(options.getOrDefault("corpora", "seed,pagila").split(","))
            .map(Corpus::parse)
            .toList(),
        sections,
        root.resolve(options.getOrDefault("out", "benchmarks/results/latest.md")),
        Path.of(
            options.getOrDefault(
                "m2", Path.of(System.getProperty("user.home"), ".m2", "repository").toString())),
        Integer.parseInt(options.getOrDefault("anatomy-jvms", "3")),
        options.get("maven-opts"),
        Map.copyOf(options),
        String.join(" ", args));
  }
}
