package dev.drydock.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.dist.Launcher.Result;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as a user gets it: unpacked into an empty directory, run through its own
 * {@code bin/drydock} with nothing but a Java on {@code PATH}.
 */
class DistributionIT {

  static final Path ARCHIVE = Path.of(System.getProperty("drydock.dist.archive"));
  static final Path ZIP = Path.of(System.getProperty("drydock.dist.zip"));
  static final String VERSION = System.getProperty("drydock.dist.version");
  static final Path PROJECT_ROOT = Path.of(System.getProperty("drydock.project.root"));
  static final Path JAVA_BIN = Launcher.JAVA_BIN;

  @TempDir static Path unpacked;
  static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    assertThat(ARCHIVE).as("the archive 'package' makes").isRegularFile();
    Result tar =
        run(unpacked, Map.of(), "tar", "xzf", ARCHIVE.toString(), "-C", unpacked.toString());
    assertThat(tar.exit()).as(tar.output()).isZero();
    home = unpacked.resolve("drydock-" + VERSION);
  }

  @Test
  void archiveHoldsLauncherJarCompletionManPagesReadmeAndLicence() throws IOException {
    assertThat(home.resolve("bin/drydock")).isExecutable();
    assertThat(home.resolve("bin/drydock.cmd")).isRegularFile();
    assertThat(home.resolve("lib/drydock.jar")).isRegularFile();
    assertThat(home.resolve("completion/drydock.bash")).isRegularFile();
    assertThat(home.resolve("man/man1/drydock.1"))
        .content()
        .startsWith("'\\\" t")
        .contains(".TH \"DRYDOCK\"");
    assertThat(home.resolve("man/man1/drydock-diff.1")).content().contains("\\-\\-format");
    assertThat(home.resolve("LICENSE")).content().contains("Apache License");
    assertThat(home.resolve("README.md")).content().contains("drydock doctor");
  }

  @Test
  void zipHoldsTheSameFilesAsTheTarball() throws IOException {
    TreeSet<String> inTar = new TreeSet<>();
    try (var files = Files.walk(home)) {
      files.filter(Files::isRegularFile).forEach(p -> inTar.add(unpacked.relativize(p).toString()));
    }
    TreeSet<String> inZip = new TreeSet<>();
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (!entry.isDirectory()) {
          inZip.add(entry.getName());
        }
      }
    }
    assertThat(inZip).isEqualTo(inTar);
  }

  @Test
  void versionNamesDrydockJooqFlywayPostgresAndJava() throws Exception {
    // given: only a Java on PATH, no JAVA_HOME
    // when
    Result r = drydock(Map.of(), "--version");
    // then
    assertThat(r.exit()).as(r.output()).isZero();
    List<String> lines = r.output().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("drydock " + VERSION);
    assertThat(lines.get(1)).matches("jOOQ 3\\.\\d+\\.\\d+, Flyway \\d+\\.\\d+\\.\\d+");
    assertThat(lines.get(2))
        .matches("PostgreSQL \\d+\\.\\d+\\.\\d+ \\(embedded throwaway server, bundled\\)");
    assertThat(lines.get(3)).startsWith("Java " + Runtime.version().feature());
  }

  @Test
  void helpListsEveryCommand() throws Exception {
    Result r = drydock(Map.of(), "--help");
    assertThat(r.exit()).as(r.output()).isZero();
    for (String command :
        List.of("diff", "check", "migrate", "generate", "pull", "studio", "cache", "doctor")) {
      assertThat(r.output()).containsPattern("(?m)^\\s+" + command + "\\s");
    }
  }

  @Test
  void aSymbolicLinkToTheLauncherFindsTheInstallation(@TempDir Path elsewhere) throws Exception {
    // given: bin/drydock linked from another directory, as into ~/.local/bin
    Path link = Files.createSymbolicLink(elsewhere.resolve("drydock"), home.resolve("bin/drydock"));
    // when
    Result r =
        run(elsewhere, Map.of("PATH", JAVA_BIN + ":/usr/bin:/bin"), link.toString(), "--version");
    // then
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).startsWith("drydock " + VERSION);
  }

  @Test
  void withoutJavaTheLauncherSaysSoInOneLine(@TempDir Path tools) throws Exception {
    // given: a PATH with the tools the launcher uses but no java, and no JAVA_HOME
    for (String tool : List.of("dirname", "ls", "sed", "head")) {
      Files.createSymbolicLink(tools.resolve(tool), whereIs(tool));
    }
    // when
    Result r = run(home, Map.of("PATH", tools.toString()), "/bin/sh", "bin/drydock", "--version");
    // then
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.output().strip())
        .isEqualTo(
            "drydock: Java not found: install a Java 17 or newer and put it on PATH, or set"
                + " JAVA_HOME");
  }

  private static Path whereIs(String tool) {
    for (String dir : List.of("/usr/bin", "/bin")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError(tool + " not found in /usr/bin or /bin");
  }

  @Test
  void aJavaOlderThan17IsRefusedInOneLine(@TempDir Path oldJava) throws Exception {
    // given: a JAVA_HOME whose release file says Java 11
    Files.createDirectories(oldJava.resolve("bin"));
    Path java = oldJava.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho should not run >&2\nexit 99\n");
    java.toFile().setExecutable(true);
    Files.writeString(oldJava.resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
    // when
    Result r = drydock(Map.of("JAVA_HOME", oldJava.toString()), "--version");
    // then
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.output().strip())
        .isEqualTo(
            "drydock: "
                + java
                + " is Java 11.0.2; drydock needs Java 17 or newer (set JAVA_HOME to one)");
  }

  @Test
  void theLauncherRunsTheClientCompilerAndTheSerialCollectorByDefault(@TempDir Path echoJava)
      throws Exception {
    // given: a Java 17 that prints the options it is given
    Path java = echoingJava(echoJava);

    // when
    Result r = drydock(Map.of("JAVA_HOME", echoJava.toString(), "DRYDOCK_CDS", "off"), "generate");

    // then
    assertThat(r.exit()).isZero();
    assertThat(r.output().strip())
        .isEqualTo(
            "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "
                + home.toRealPath().resolve("lib/drydock.jar")
                + " generate");
    assertThat(java).exists();
  }

  @Test
  void aCollectorOrTieringOptionOfTheUsersReplacesTheLaunchersDefault(@TempDir Path echoJava)
      throws Exception {
    // given
    echoingJava(echoJava);

    // when: the user's JAVA_OPTS choose G1, DRYDOCK_OPTS full tiered compilation
    Result r =
        drydock(
            Map.of(
                "JAVA_HOME",
                echoJava.toString(),
                "JAVA_OPTS",
                "-XX:+UseG1GC -Xmx1g",
                "DRYDOCK_OPTS",
                "-XX:TieredStopAtLevel=4",
                "DRYDOCK_CDS",
                "off"),
            "generate");

    // then: none of the launcher's defaults, theirs as given
    assertThat(r.output().strip())
        .isEqualTo(
            "-XX:+UseG1GC -Xmx1g -XX:TieredStopAtLevel=4 -jar "
                + home.toRealPath().resolve("lib/drydock.jar")
                + " generate");
  }

  private static Path echoingJava(Path javaHome) throws IOException {
    Files.createDirectories(javaHome.resolve("bin"));
    Path java = javaHome.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
    java.toFile().setExecutable(true);
    Files.writeString(javaHome.resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
    return java;
  }

  @Test
  void completionScriptLoadsInBash() throws Exception {
    Result r =
        run(
            home,
            Map.of("PATH", "/usr/bin:/bin"),
            "bash",
            "-c",
            "source completion/drydock.bash && complete -p drydock");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output().strip()).isEqualTo("complete -o default -F _complete_drydock drydock");
  }

  @Test
  void diffThroughTheArchiveFindsNoDriftThenDrift(@TempDir Path work) throws Exception {
    // given: a live database migrated with the sample migrations
    Path cache = PROJECT_ROOT.resolve("distribution/target/test-cache");
    ProviderSettings settings =
        ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cache).build();
    Path migrations = PROJECT_ROOT.resolve("migrations");
    try (ThrowawayDatabase live = ThrowawayDatabase.start(settings)) {
      Migrations.configure().location(migrations).build().migrate(live.dataSource());
      Map<String, String> env =
          Map.of("DRYDOCK_CACHE", cache.toString(), "PGPASSWORD", live.password());
      List<String> args =
          new ArrayList<>(
              List.of(
                  "diff",
                  "--provider",
                  "embedded",
                  "--url",
                  live.jdbcUrl(),
                  "--user",
                  live.user(),
                  "--password-env",
                  "PGPASSWORD",
                  "--migrations",
                  migrations.toString(),
                  "--quiet"));
      // when
      Result same = drydock(env, args.toArray(String[]::new));
      // then
      assertThat(same.exit()).as(same.output()).isZero();
      assertThat(same.output()).contains("No drift");

      // given: a column added by hand
      try (Connection c = live.connect();
          Statement st = c.createStatement()) {
        st.execute("ALTER TABLE users ADD COLUMN phone text");
      }
      // when
      Result drift = drydock(env, args.toArray(String[]::new));
      // then
      assertThat(drift.exit()).as(drift.output()).isEqualTo(1);
      assertThat(drift.output()).contains("phone");
    }
  }

  private static Result drydock(Map<String, String> extraEnv, String... args) throws Exception {
    return Launcher.drydock(home, extraEnv, args);
  }

  private static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
    return Launcher.run(dir, env, command);
  }
}
