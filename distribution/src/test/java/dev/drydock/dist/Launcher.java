package dev.drydock.dist;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an unpacked installation's {@code bin/drydock}, or any command, as a user's shell would. */
final class Launcher {

  /** The Java running the tests: the only one on the launcher's {@code PATH}. */
  static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");

  /** How long one command may take before the test fails naming it. */
  private static final long TIMEOUT_SECONDS = 300;

  /** What a command printed (stdout and stderr together) and its exit status. */
  record Result(int exit, String output) {}

  private Launcher() {}

  /**
   * {@code <install>/bin/drydock args} with {@code PATH} holding the tests' Java and the system's
   * tools, plus {@code extraEnv}.
   */
  static Result drydock(Path install, Map<String, String> extraEnv, String... args)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", JAVA_BIN + ":/usr/bin:/bin");
    env.putAll(extraEnv);
    List<String> command = new ArrayList<>();
    command.add(install.resolve("bin/drydock").toString());
    command.addAll(List.of(args));
    return run(install, env, command.toArray(String[]::new));
  }

  /** Runs a command with exactly {@code env} (and {@code HOME}) as its environment. */
  static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("HOME", System.getProperty("user.home"));
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          "timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
