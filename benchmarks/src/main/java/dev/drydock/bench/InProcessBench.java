package dev.drydock.bench;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One generation per operation, in-process: the hand-written pipeline (the baseline), Drydock's
 * {@code CodeGeneration} forced to regenerate (what a warm build does), and jOOQ's {@code
 * DDLDatabase} (no PostgreSQL at all). Single-shot: with no warm-up and one fork per sample it
 * measures a fresh JVM, as a build sees it; with warm-up it measures the steady state. {@link
 * BenchMain} chooses.
 *
 * <p>The binaries cache is the user's (warm); the cold path (extraction, initdb) is measured by the
 * whole-build harness and {@link Anatomy}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InProcessBench {

  @Param({"seed", "pagila"})
  public String corpus;

  private Corpus fixture;
  private Path root;
  private Path migrations;
  private Path output;

  @Setup
  public void setUp() throws IOException {
    fixture = Corpus.parse(corpus);
    root = Files.createTempDirectory("drydock-bench-jmh-");
    migrations = root.resolve("migrations");
    fixture.writeMigrations(migrations);
    output = root.resolve("generated");
  }

  @TearDown
  public void tearDown() {
    FileTrees.deleteQuietly(root);
  }

  @Benchmark
  public long handWritten() {
    return Pipelines.handWritten(migrations, output, fixture.packageName(), fixture.provider());
  }

  @Benchmark
  public long pullWorkflowForced() {
    return Pipelines.pullWorkflow(migrations, output, fixture.packageName(), fixture.provider());
  }

  @Benchmark
  public long ddlDatabase() {
    return Pipelines.ddlDatabase(migrations, output, fixture.packageName());
  }
}
