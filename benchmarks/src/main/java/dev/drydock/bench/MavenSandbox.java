package dev.drydock.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the measured {@code mvn} builds run: a copy of the project (no {@code .git}, no build
 * output) and a temporary local repository holding only the reactor-built plugin, its marker jar,
 * the engine and the parent pom; every other artifact comes read-only from the user's repository
 * ({@code maven.repo.local.tail}), so nothing is ever installed there.
 */
final class MavenSandbox {

  private static final Pattern GOAL_LINE = Pattern.compile("\\[drydock\\] (.*) \\[(\\d+) ms\\]");
  private static final String PAGILA_POM = "pagila-pom.xml";

  /**
   * One measured build.
   *
   * @param wallMillis the whole mvn process
   * @param goalMillis the time the goal logged ({@code [drydock] … [NN ms]}), if it did
   * @param startedDatabase whether the goal started a database
   */
  record MvnRun(double wallMillis, Optional<Double> goalMillis, boolean startedDatabase) {}

  private final Path repo;
  private final Path localRepo;
  private final String version;
  private final Path m2;
  private final String mavenOpts;
  private final Path log;

  private MavenSandbox(
      Path repo, Path localRepo, String version, Path m2, String mavenOpts, Path log) {
    this.repo = repo;
    this.localRepo = localRepo;
    this.version = version;
    this.m2 = m2;
    this.mavenOpts = mavenOpts;
    this.log = log;
  }

  /** Copies the project to {@code <work>/repo} and lays out the plugin in {@code <work>/m2}. */
  static MavenSandbox create(BenchOptions options, Path work) throws IOException {
    Path repo = work.resolve("repo");
    copyProject(options.root(), repo);
    Path localRepo = work.resolve("m2");
    String version = layOutPlugin(options.root(), localRepo);
    return new MavenSandbox(
        repo, localRepo, version, options.m2(), options.mavenOpts(), work.resolve("mvn.log"));
  }

  /** The project copy. */
  Path repo() {
    return repo;
  }

  /** The plugin's version (the reactor build's). */
  String version() {
    return version;
  }

  /** Writes a one-module project at {@code module} that generates Pagila from its migrations. */
  void writePagilaPom(Path module) throws IOException {
    try (InputStream in = MavenSandbox.class.getResourceAsStream(PAGILA_POM)) {
      if (in == null) {
        throw new IllegalStateException("resource " + PAGILA_POM + " missing from the harness");
      }
      String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Files.writeString(
          module.resolve("pom.xml"), template.formatted(version, Corpus.PAGILA.postgresVersion()));
    }
  }

  /**
   * {@code mvn -o package -Dmaven.test.skip=true} on {@code module} with {@code DRYDOCK_CACHE} set
   * to {@code cache}, plus {@code extra} arguments.
   */
  MvnRun mvn(Path module, Path cache, List<String> extra) throws IOException, InterruptedException {
    return mvn(module, cache, "package", extra);
  }

  /** As {@link #mvn(Path, Path, List)} up to {@code phase} ({@code validate}, ...). */
  MvnRun mvn(Path module, Path cache, String phase, List<String> extra)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(repo.resolve("mvnw").toString());
    command.addAll(
        List.of(
            "-o",
            "-B",
            "-f",
            module.resolve("pom.xml").toString(),
            phase,
            "-Dmaven.test.skip=true",
            "-Dmaven.repo.local=" + localRepo,
            "-Dmaven.repo.local.tail=" + m2));
    command.addAll(extra);
    Map<String, String> env = new HashMap<>();
    env.put("DRYDOCK_CACHE", cache.toString());
    if (mavenOpts != null) {
      env.put("MAVEN_OPTS", mavenOpts);
    }
    ChildRun run = ChildRun.run("mvn", command, module, env, log, Duration.ofMinutes(15));
    Optional<Double> goal = Optional.empty();
    Matcher m = GOAL_LINE.matcher(run.output());
    while (m.find()) {
      goal = Optional.of(Double.parseDouble(m.group(2)));
    }
    boolean started = run.output().contains("[drydock] Using ");
    return new MvnRun(run.wallMillis(), goal, started);
  }

  /** The project minus .git and build output: what the builds run on. */
  static void copyProject(Path from, Path to) throws IOException {
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
   * Puts the reactor-built plugin (drydock-maven-plugin), its one dependency (drydock-marker), the
   * engine it runs (drydock-schema), their poms and the parent pom in {@code localRepo}; returns
   * their version.
   */
  private static String layOutPlugin(Path root, Path localRepo) throws IOException {
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
    layOut(root, localRepo, "schema-module", "drydock-schema", version);
    layOut(root, localRepo, "maven-plugin", "drydock-maven-plugin", version);
    layOut(root, localRepo, "marker", "drydock-marker", version);
    Path parent = localRepo.resolve("dev/drydock/drydock-parent/" + version);
    Files.createDirectories(parent);
    Files.copy(root.resolve("pom.xml"), parent.resolve("drydock-parent-" + version + ".pom"));
    return version;
  }

  /**
   * The reactor-built jar and the pom of {@code module} as {@code artifactId} in the repository.
   */
  private static void layOut(
      Path root, Path localRepo, String module, String artifactId, String version)
      throws IOException {
    Path jar = root.resolve(module + "/target/" + artifactId + "-" + version + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no " + jar + ": use run.sh");
    }
    Path dir = localRepo.resolve("dev/drydock/" + artifactId + "/" + version);
    Files.createDirectories(dir);
    Files.copy(jar, dir.resolve(artifactId + "-" + version + ".jar"));
    Files.copy(root.resolve(module + "/pom.xml"), dir.resolve(artifactId + "-" + version + ".pom"));
  }
}
