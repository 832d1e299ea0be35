package dev.drydock.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A measured child process ({@code mvn}, a JVM): output to a log file, a bounded wait, and a
 * failure that shows the end of the log.
 *
 * @param wallMillis how long the process ran
 * @param output everything it printed (stdout and stderr)
 */
record ChildRun(double wallMillis, String output) {

  /**
   * Runs {@code command} in {@code directory} (null: this one) with {@code env} added; throws when
   * it does not finish within {@code timeout} or exits non-zero.
   */
  static ChildRun run(
      String what,
      List<String> command,
      Path directory,
      Map<String, String> env,
      Path log,
      Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    if (directory != null) {
      pb.directory(directory.toFile());
    }
    pb.environment().putAll(env);
    long t = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          what + " did not finish within " + timeout.toMinutes() + " min: " + command);
    }
    double wall = (System.nanoTime() - t) / 1e6;
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          what + " failed (exit " + p.exitValue() + "): " + command + "\n" + tail(output, 40));
    }
    return new ChildRun(wall, output);
  }

  private static String tail(String text, int lines) {
    String[] all = text.split("\\R");
    return String.join(
        "\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
  }
}
