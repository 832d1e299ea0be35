package dev.drydock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code suite} section ({@code --suite}): {@code ./mvnw -B -o verify} once on a fresh copy of
 * the project, against the same build with {@code -DskipTests}.
 */
final class SuiteSection implements Section {

  private final BenchOptions options;
  private final Path work;
  private final BenchResults results;

  SuiteSection(BenchOptions options, Path work, BenchResults results) {
    this.options = options;
    this.work = work;
    this.results = results;
  }

  @Override
  public String run() throws IOException, InterruptedException {
    Path repo = work.resolve("suite");
    Path copy = repo.resolve("repo");
    MavenSandbox.copyProject(options.root(), copy);
    Path shared = options.root().resolve("../shared").normalize();
    if (Files.isDirectory(shared)) {
      Files.createSymbolicLink(repo.resolve("shared"), shared);
    }
    Machine.progress("suite: ./mvnw -B -o verify -DskipTests (baseline)");
    Stats baseline = Stats.of(List.of(timeMvnw(copy, "verify", "-DskipTests")));
    Machine.progress("suite: ./mvnw -B -o verify (this takes minutes)");
    Stats suite = Stats.of(List.of(timeMvnw(copy, "verify")));
    results.suite(suite);
    return "## Test suite\n\n"
        + "`./mvnw -B -o verify` once on a fresh copy of the project (no `target/`), against the"
        + " same build with `-DskipTests` (compile, package, no tests, no invoker runs).\n\n"
        + MarkdownTable.of("build", "time", "× verify -DskipTests", "× the 10-minute budget")
            .row(
                "verify -DskipTests",
                baseline.seconds(),
                "1.00x (baseline)",
                String.format(Locale.ROOT, "%.2f", baseline.median() / 600_000))
            .row(
                "verify (all tests)",
                suite.seconds(),
                suite.ratioTo(baseline),
                String.format(Locale.ROOT, "%.2f", suite.median() / 600_000))
        + "\n";
  }

  private double timeMvnw(Path repo, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(repo.resolve("mvnw").toString(), "-B", "-o"));
    command.addAll(List.of(args));
    return ChildRun.run(
            "suite build",
            command,
            repo,
            Map.of(),
            work.resolve("suite.log"),
            Duration.ofMinutes(30))
        .wallMillis();
  }
}
