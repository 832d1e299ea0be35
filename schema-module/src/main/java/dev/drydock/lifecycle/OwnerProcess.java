package dev.drydock.lifecycle;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process that owns something a killed run may leave behind (a staging directory, a temporary
 * database), as {@code drydock-owner pid=<pid> start=<start instant> host=<host name>}. A later run
 * removes the leftover only when it can prove the owner is dead: same host, and no process with
 * that pid or one started at another instant (the pid was reused).
 */
public record OwnerProcess(long pid, String start, String host) {

  private static final Pattern FORMAT =
      Pattern.compile("drydock-owner pid=(\\d+) start=(\\S+) host=(\\S+)");

  private static final OwnerProcess CURRENT = of(ProcessHandle.current());

  /** This JVM. */
  public static OwnerProcess current() {
    return CURRENT;
  }

  private static OwnerProcess of(ProcessHandle process) {
    return new OwnerProcess(process.pid(), startOf(process), hostName());
  }

  private static String startOf(ProcessHandle process) {
    return process.info().startInstant().map(Object::toString).orElse("unknown");
  }

  /** The kernel's host name (no DNS look-up), else Java's. */
  private static String hostName() {
    try {
      Path kernel = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(kernel)) {
        return Files.readString(kernel).strip();
      }
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException unknown) {
      return "unknown";
    }
  }

  /** The one-line form written beside what this process owns. */
  public String format() {
    return "drydock-owner pid=" + pid + " start=" + start + " host=" + host;
  }

  /** The owner named in {@code text} ({@link #format}), if it names one. */
  public static Optional<OwnerProcess> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new OwnerProcess(Long.parseLong(m.group(1)), m.group(2), m.group(3)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * True only when provably dead: it ran on this host, and no process has its pid now, or the one
   * that has was started at another instant. An owner on another host, or whose start is unknown
   * while its pid runs, counts as alive.
   */
  public boolean isDeadOnThisHost() {
    OwnerProcess here = current();
    if (!host.equals(here.host) || "unknown".equals(here.host)) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return true;
    }
    String now = startOf(process.get());
    return !"unknown".equals(start) && !"unknown".equals(now) && !now.equals(start);
  }
}
