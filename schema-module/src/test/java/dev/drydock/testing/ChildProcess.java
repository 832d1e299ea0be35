package dev.drydock.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A process a test starts and signals like a user would (Ctrl-C is {@code kill -INT}, a CI
 * cancellation {@code kill -TERM}), with its stdout and stderr collected together.
 */
public final class ChildProcess implements AutoCloseable {

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final Thread pump;

  private ChildProcess(Process process) {
    this.process = process;
    this.pump = new Thread(this::pump, "child-output-" + process.pid());
    pump.setDaemon(true);
    pump.start();
  }

  /** Starts {@code command} in {@code directory} with {@code env} added to this JVM's. */
  public static ChildProcess start(List<String> command, Path directory, Map<String, String> env) {
    ProcessBuilder builder =
        new ProcessBuilder(withDefaultSignals(command))
            .directory(directory.toFile())
            .redirectErrorStream(true);
    String testCache = System.getProperty("drydock.cache");
    if (testCache != null) {
      // the child uses the test run's cache, never the user's
      builder.environment().put("DRYDOCK_CACHE", testCache);
    }
    builder.environment().putAll(env);
    try {
      return new ChildProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code command} run through {@code env --default-signal=INT,TERM}, so the child handles SIGINT
   * and SIGTERM even when this JVM was started with them ignored (a shell runs background jobs with
   * SIGINT ignored, and ignored signals stay ignored across {@code exec}): the interrupt tests then
   * test the child, not how the build was launched. {@code env} execs the command: same pid.
   */
  public static List<String> withDefaultSignals(List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of("env", "--default-signal=INT,TERM"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** A JVM with this test's class path running {@code mainClass}. */
  public static ChildProcess java(
      List<String> jvmOptions, String mainClass, List<String> args, Path directory) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    return start(command, directory, Map.of());
  }

  private void pump() {
    byte[] buffer = new byte[8192];
    try (InputStream in = process.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the process is gone
    }
  }

  public long pid() {
    return process.pid();
  }

  /** Waits until the output contains {@code text}; fails if the process ends or time runs out. */
  public void awaitOutput(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (output.indexOf(text) < 0) {
      if (!process.isAlive()) {
        pump.join(2000);
        if (output.indexOf(text) >= 0) {
          return;
        }
        throw new AssertionError(
            "process exited ("
                + process.exitValue()
                + ") before printing '"
                + text
                + "':\n"
                + tail());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no '" + text + "' within " + timeout.toSeconds() + " s:\n" + tail());
      }
      Thread.sleep(20);
    }
  }

  /** Sends {@code kill -SIGNAL} (e.g. {@code INT}, {@code TERM}) to the process. */
  public void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
        .inheritIO()
        .start()
        .waitFor();
  }

  /** The exit code, or an assertion error when the process is still running after {@code max}. */
  public int awaitExit(Duration max) throws InterruptedException {
    if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "process still running after "
              + max.toSeconds()
              + " s of waiting for it to exit:\n"
              + tail());
    }
    pump.join(5000);
    return process.exitValue();
  }

  public String output() {
    return output.toString();
  }

  /** The last lines of the output, for failure messages. */
  public String tail() {
    String all = output.toString();
    return all.substring(Math.max(0, all.length() - 4000));
  }

  /** Command lines of live processes that mention {@code path} (servers started under it). */
  public static List<String> processesMentioning(Path path) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .map(h -> h.info().commandLine().orElse(""))
        .filter(c -> c.contains(path.toString()))
        .toList();
  }

  /** Waits up to {@code max} for no live process to mention {@code path}; returns those left. */
  public static List<String> awaitNoProcessMentioning(Path path, Duration max)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    List<String> left = processesMentioning(path);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      left = processesMentioning(path);
    }
    return left;
  }

  /** Names of the entries of {@code directory}, sorted. */
  public static List<String> entries(Path directory) throws IOException {
    try (Stream<Path> list = Files.list(directory)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
