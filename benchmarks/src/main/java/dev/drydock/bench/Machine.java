package dev.drydock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What the report says about the machine: hardware, JVM, load, and progress lines with load. */
final class Machine {
  private Machine() {}

  /** Cores, CPU, memory, JVM and OS on one line. */
  static String describe() {
    String cpu = "unknown CPU";
    String memory = "";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .findFirst()
              .orElse(cpu);
      memory =
          Files.readAllLines(Path.of("/proc/meminfo")).stream()
              .filter(l -> l.startsWith("MemTotal"))
              .map(l -> l.replaceAll("\\D+", ""))
              .map(
                  kb ->
                      String.format(
                          Locale.ROOT, ", %.0f GiB memory", Long.parseLong(kb) / 1048576.0))
              .findFirst()
              .orElse("");
    } catch (IOException | RuntimeException e) {
      // not Linux: fewer details
    }
    return Runtime.getRuntime().availableProcessors()
        + " cores ("
        + cpu
        + ")"
        + memory
        + ", "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version");
  }

  /** Load when a section starts: a section measured under other load than its baseline shows. */
  static String sectionLoad() {
    return "*(load average when this section started: " + loadAverage() + ")*\n\n";
  }

  /** The 1/5/15-minute load averages, {@code unknown} where there is no {@code /proc}. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** A progress line on stderr, with the time and the load. */
  static void progress(String message) {
    System.err.println(
        "[bench "
            + DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now())
            + " load "
            + loadAverage()
            + "] "
            + message);
  }
}
