package dev.drydock.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How the embedded server's processes ({@code initdb}, {@code postgres}) are started, depending on
 * who the JVM runs as. PostgreSQL refuses to run as root: as root it runs inside a new user
 * namespace ({@code unshare -U}, as zonky does), where it is not uid 0; where user namespaces are
 * not allowed it runs as {@code nobody} through {@code setpriv}.
 */
enum RunAs {
  /** Not root: run the binaries directly. */
  CURRENT_USER,
  /** Root: run in a new user namespace, where PostgreSQL does not see uid 0. */
  USER_NAMESPACE,
  /** Root without user namespaces: run as nobody (uid 65534). */
  NOBODY;

  /** The uid and gid {@link #NOBODY} runs as. */
  static final int NOBODY_ID = 65534;

  /** The command words that go before the binary. */
  List<String> prefix() {
    return switch (this) {
      case CURRENT_USER -> List.of();
      case USER_NAMESPACE -> List.of("unshare", "-U", "--");
      case NOBODY ->
          List.of(
              "setpriv", "--reuid=" + NOBODY_ID, "--regid=" + NOBODY_ID, "--clear-groups", "--");
    };
  }

  /** What {@link #detect()} found: who the JVM runs as and what the kernel allows do not change. */
  private static volatile RunAs detected;

  /**
   * The way that works here: the current user unless root, then a namespace, then nobody. Probed
   * once per JVM (as root the probe starts {@code unshare}).
   */
  static RunAs detect() {
    RunAs known = detected;
    if (known == null) {
      known = probe();
      detected = known;
    }
    return known;
  }

  private static RunAs probe() {
    if (!isRoot()) {
      return CURRENT_USER;
    }
    if (succeeds("unshare", "-U", "--", "true")) {
      return USER_NAMESPACE;
    }
    if (succeeds(
        "setpriv", "--reuid=" + NOBODY_ID, "--regid=" + NOBODY_ID, "--clear-groups", "true")) {
      return NOBODY;
    }
    throw new ProviderException(
        "Running as root, and PostgreSQL refuses to run as root: neither 'unshare -U' (user"
            + " namespaces) nor 'setpriv' works here. Run the build as a normal user, or use"
            + " --provider external/testcontainers.");
  }

  static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return uid instanceof Integer i && i == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** Gives {@link #NOBODY} every file under {@code root} (the root included). */
  static void chownToNobody(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(p, "unix:uid", NOBODY_ID, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", NOBODY_ID, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  private static boolean succeeds(String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
