package dev.drydock.doctor;

import dev.drydock.provider.EmbeddedReadiness;
import dev.drydock.provider.ProviderChoice;
import dev.drydock.provider.ProviderException;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Examines whether this machine can run what Drydock needs, one {@link Diagnosis} per question: the
 * Java version, which throwaway provider {@code auto} picks and why, whether the embedded
 * PostgreSQL can run its processes here, temporary space, the cache directory and its size, Maven's
 * settings, and (unless told not to) whether a throwaway server really starts. Build with {@link
 * #configure()}:
 *
 * <pre>{@code
 * List<Diagnosis> found = Doctor.configure().provider(settings).build().examine(line -> {});
 * }</pre>
 */
public final class Doctor {

  /** Below this much free temporary space the embedded server is likely to fail. */
  static final long TEMP_SPACE_FAIL_BYTES = 64L << 20;

  /** Below this much a large schema's snapshot may not fit. */
  static final long TEMP_SPACE_WARN_BYTES = 512L << 20;

  private final ProviderSettings provider;
  private final Path mavenSettings;
  private final Path temporaryDirectory;
  private final boolean startServer;

  private Doctor(Builder b) {
    this.provider = Objects.requireNonNull(b.provider, "provider");
    this.mavenSettings = b.mavenSettings;
    this.temporaryDirectory = b.temporaryDirectory;
    this.startServer = b.startServer;
  }

  public static Builder configure() {
    return new Builder();
  }

  /**
   * Runs every examination in order, handing each answer to {@code progress} as soon as it is known
   * (starting a server takes seconds), and returns them all.
   */
  public List<Diagnosis> examine(Consumer<Diagnosis> progress) {
    List<Diagnosis> found = new ArrayList<>();
    Consumer<Diagnosis> report =
        d -> {
          found.add(d);
          progress.accept(d);
        };
    report.accept(java());
    ProviderChoice choice = ProviderChoice.of(provider);
    report.accept(
        Diagnosis.ok(
            "provider",
            provider.kind().name().toLowerCase(Locale.ROOT)
                + " -> "
                + choice.kind().name().toLowerCase(Locale.ROOT)
                + " ("
                + choice.reason()
                + ")"));
    boolean embedded = choice.kind() == ProviderKind.EMBEDDED;
    Diagnosis processes = embedded ? embeddedProcesses() : null;
    if (processes != null) {
      report.accept(processes);
    }
    report.accept(temporarySpace());
    report.accept(cache());
    report.accept(maven());
    if (startServer && (processes == null || processes.status() != Diagnosis.Status.FAIL)) {
      report.accept(start(choice.kind()));
    }
    return List.copyOf(found);
  }

  /** Whether any answer is a {@link Diagnosis.Status#FAIL}. */
  public static boolean anyFailed(List<Diagnosis> diagnoses) {
    return diagnoses.stream().anyMatch(d -> d.status() == Diagnosis.Status.FAIL);
  }

  private static Diagnosis java() {
    Runtime.Version v = Runtime.version();
    String which =
        "Java " + v + " (" + System.getProperty("java.vendor", "?") + ", " + javaHome() + ")";
    return v.feature() >= 17
        ? Diagnosis.ok("java", which)
        : Diagnosis.fail("java", which + ": Drydock needs Java 17 or newer; set JAVA_HOME to one");
  }

  private static String javaHome() {
    return System.getProperty("java.home", "?");
  }

  private static Diagnosis embeddedProcesses() {
    try {
      return Diagnosis.ok(
          "embedded", "PostgreSQL processes run " + EmbeddedReadiness.howProcessesRun());
    } catch (ProviderException e) {
      return Diagnosis.fail("embedded", e.getMessage());
    }
  }

  private Diagnosis temporarySpace() {
    Path dir =
        temporaryDirectory != null
            ? temporaryDirectory
            : ProviderSettings.defaultWorkDirectoryParent();
    try {
      long free = Files.getFileStore(dir).getUsableSpace();
      String line = dir + ": " + bytes(free) + " free";
      if (!Files.isWritable(dir)) {
        return Diagnosis.fail(
            "temp", dir + " is not writable: set DRYDOCK_TMPDIR to a writable directory");
      }
      if (free < TEMP_SPACE_FAIL_BYTES) {
        return Diagnosis.fail(
            "temp",
            line + ": too little for a PostgreSQL cluster; free space or set DRYDOCK_TMPDIR");
      }
      if (free < TEMP_SPACE_WARN_BYTES) {
        return Diagnosis.warn(
            "temp", line + ": large schemas may not fit; set DRYDOCK_TMPDIR to a larger directory");
      }
      return Diagnosis.ok("temp", line);
    } catch (IOException e) {
      return Diagnosis.fail("temp", dir + " cannot be examined: " + e.getMessage());
    }
  }

  private Diagnosis cache() {
    Path dir = provider.cacheDirectory();
    if (!Files.exists(dir)) {
      return Diagnosis.ok("cache", dir + ": empty (created on first use)");
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      return Diagnosis.fail(
          "cache", dir + " is not a writable directory: fix its permissions or use --cache-dir");
    }
    try {
      long[] filesAndBytes = sizeOf(dir);
      return Diagnosis.ok(
          "cache",
          dir
              + ": "
              + bytes(filesAndBytes[1])
              + " in "
              + filesAndBytes[0]
              + " files (drydock cache list, drydock cache clear)");
    } catch (UncheckedIOException e) {
      return Diagnosis.warn("cache", dir + " cannot be measured: " + e.getCause().getMessage());
    }
  }

  private Diagnosis maven() {
    Path file = mavenSettings != null ? mavenSettings : defaultMavenSettings();
    if (!MavenSettings.present(file)) {
      return Diagnosis.ok(
          "maven", "no " + file + ": Maven Central and ~/.m2/repository (Maven's defaults)");
    }
    try {
      MavenSettings s = MavenSettings.read(file);
      StringBuilder line = new StringBuilder(file.toString());
      s.localRepository().ifPresent(r -> line.append(": local repository ").append(r));
      if (!s.mirrors().isEmpty()) {
        line.append("; mirrors ").append(String.join(", ", s.mirrors()));
      }
      if (!s.proxies().isEmpty()) {
        line.append("; proxies ").append(String.join(", ", s.proxies()));
      }
      if (s.offline()) {
        return Diagnosis.warn(
            "maven",
            line
                + "; offline: another PostgreSQL version's binaries must already be in the local"
                + " repository");
      }
      return Diagnosis.ok("maven", line.toString());
    } catch (IOException e) {
      return Diagnosis.fail("maven", e.getMessage() + ": fix it, Maven itself would refuse it too");
    }
  }

  private Diagnosis start(ProviderKind kind) {
    long started = System.nanoTime();
    ProviderSettings settings = provider.toBuilder().kind(kind).build();
    try (ThrowawayDatabase db = ThrowawayDatabase.start(settings)) {
      long millis = (System.nanoTime() - started) / 1_000_000;
      return Diagnosis.ok("start", db.description() + " started and stopped in " + millis + " ms");
    } catch (RuntimeException e) {
      String message =
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      return Diagnosis.fail(
          "start",
          "a throwaway "
              + kind.name().toLowerCase(Locale.ROOT)
              + " server did not start: "
              + message);
    }
  }

  static Path defaultMavenSettings() {
    return Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
  }

  private static long[] sizeOf(Path dir) {
    AtomicLong files = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    try (Stream<Path> all = Files.walk(dir)) {
      all.filter(Files::isRegularFile)
          .forEach(
              p -> {
                files.incrementAndGet();
                try {
                  bytes.addAndGet(Files.size(p));
                } catch (IOException e) {
                  // a file removed while walking (another run evicting) counts as nothing
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new long[] {files.get(), bytes.get()};
  }

  static String bytes(long n) {
    if (n >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
    }
    if (n >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
    }
    return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
  }

  /** Builds a {@link Doctor}. */
  public static final class Builder {
    private ProviderSettings provider = ProviderSettings.defaults();
    private Path mavenSettings;
    private Path temporaryDirectory;
    private boolean startServer = true;

    private Builder() {}

    /** The provider settings to examine (default: {@link ProviderSettings#defaults()}). */
    public Builder provider(ProviderSettings provider) {
      this.provider = provider;
      return this;
    }

    /** Maven's settings file (default: {@code ~/.m2/settings.xml}). */
    public Builder mavenSettings(Path file) {
      this.mavenSettings = file;
      return this;
    }

    /** Where throwaway clusters go (default: where the embedded provider puts them). */
    public Builder temporaryDirectory(Path dir) {
      this.temporaryDirectory = dir;
      return this;
    }

    /** Whether to start and stop a throwaway server as the last examination (default: yes). */
    public Builder startServer(boolean startServer) {
      this.startServer = startServer;
      return this;
    }

    public Doctor build() {
      return new Doctor(this);
    }
  }
}
