package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.files.FileContents;
import dev.drydock.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interrupt cases under load: two {@code generate} runs at once (each with its own embedded
 * server, 300 tables), signalled while jOOQ generates, round after round. Every run must exit with
 * 128 + the signal, never with the failure the shutdown caused (the race {@link
 * dev.drydock.lifecycle.JvmShutdown} closes), and leave its previous sources whole.
 */
@Tag("reliability")
class InterruptSoakTest {

  private static final int ROUNDS = Integer.getInteger("drydock.interruptSoakRounds", 20);

  @TempDir Path root;

  @Test
  void twoRunsSignalledAtOnceExitWithTheSignalRoundAfterRound() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        List<Future<String>> runs = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {
          Path dir = Files.createDirectories(root.resolve("r" + round + "c" + copy));
          String signal = (round + copy) % 2 == 0 ? "TERM" : "INT";
          int delay = 300 + 500 * ((round * 2 + copy) % 5);
          runs.add(pool.submit(() -> run(dir, signal, delay)));
        }
        for (Future<String> run : runs) {
          // then: each run's failure, if any, with its output
          assertThat(run.get()).as("round " + round).isEmpty();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** One interrupted {@code generate}; empty when it behaved, else what went wrong. */
  private static String run(Path dir, String signal, int delayMillis) throws Exception {
    // given: an earlier run's sources
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path output = dir.resolve("out").resolve("jooq");
    Path tables = Files.createDirectories(output.resolve("com/example/db/tables"));
    Files.writeString(tables.resolve("Earlier.java"), "package com.example.db.tables;\n");
    Files.writeString(
        output.resolve(".drydock-fingerprint"),
        "earlier run\n1\ncom/example/db/tables/Earlier.java\n");
    Map<String, String> previous = FileContents.of(output);
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__many.sql"), InterruptTest.MANY_TABLES);
    try (ChildProcess cli =
        ChildProcess.java(
            List.of("-Ddrydock.tmpdir=" + tmp),
            Drydock.class.getName(),
            List.of(
                "generate",
                "--provider",
                "embedded",
                "--progress",
                "--package",
                "com.example.db",
                "--output",
                output.toString(),
                "--migrations",
                migrations.toString()),
            dir)) {
      cli.awaitOutput("Generating jOOQ sources", Duration.ofSeconds(120));
      Thread.sleep(delayMillis);

      // when
      cli.signal(signal);

      // then
      int code = cli.awaitExit(Duration.ofSeconds(60));
      if (code != InterruptTest.exitCodeOf(signal)) {
        return "SIG" + signal + " " + delayMillis + " ms: exit " + code + "\n" + cli.tail();
      }
      if (cli.output().contains("Exception")) {
        return "SIG" + signal + ": stack trace\n" + cli.tail();
      }
      if (!ChildProcess.entries(output.getParent()).equals(List.of("jooq"))
          || !FileContents.of(output).equals(previous)) {
        return "SIG" + signal + ": output changed " + ChildProcess.entries(output.getParent());
      }
      return "";
    }
  }
}
