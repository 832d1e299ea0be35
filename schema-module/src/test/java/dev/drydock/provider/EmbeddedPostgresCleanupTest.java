package dev.drydock.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drydock.testing.ChildProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nothing is left running or on disk: on close, on Ctrl-C, and after the JVM is killed. */
class EmbeddedPostgresCleanupTest {

  record Child(Process jvm, long postmaster, Path workDir) {}

  private static Process launchChild(String... extra) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    String testCache = System.getProperty("drydock.cache");
    if (testCache != null) {
      // the child registers its server in the test run's cache, where this JVM reaps orphans
      command.add("-Ddrydock.cache=" + testCache);
    }
    for (String e : extra) {
      if (e.startsWith("-D")) {
        command.add(e);
      }
    }
    command.addAll(
        List.of(
            "-cp", System.getProperty("java.class.path"), EmbeddedPostgresChild.class.getName()));
    for (String e : extra) {
      if (!e.startsWith("-D")) {
        command.add(e);
      }
    }
    return new ProcessBuilder(ChildProcess.withDefaultSignals(command))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static Child startChild() throws Exception {
    Process jvm = launchChild();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
      // skip anything else the child prints
    }
    assertThat(line).as("child JVM started an embedded server").isNotNull();
    String[] parts = line.split(" ", 3);
    return new Child(jvm, Long.parseLong(parts[1]), Path.of(parts[2]));
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void awaitGone(long pid) throws InterruptedException {
    for (int i = 0; i < 200 && alive(pid); i++) {
      Thread.sleep(50);
    }
  }

  @Test
  void ctrlCOnTheJvmStopsTheServerAndDeletesItsDirectory() throws Exception {
    // given
    Child child = startChild();
    assertThat(alive(child.postmaster())).isTrue();
    assertThat(child.workDir()).isDirectory();

    // when: Ctrl-C
    new ProcessBuilder("kill", "-INT", Long.toString(child.jvm().pid())).start().waitFor();
    assertThat(child.jvm().waitFor(30, TimeUnit.SECONDS)).isTrue();

    // then
    awaitGone(child.postmaster());
    assertThat(alive(child.postmaster())).as("postmaster after Ctrl-C").isFalse();
    assertThat(child.workDir()).doesNotExist();
  }

  @ParameterizedTest(name = "Ctrl-C {0} ms into start-up")
  @ValueSource(ints = {300, 1500, 4000})
  void ctrlCDuringStartUpLeavesNoProcessAndNoDirectory(int delayMillis, @TempDir Path dir)
      throws Exception {
    // given: an empty cache (extraction and initdb happen now) and a private temp dir
    Path cache = dir.resolve("cache");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Process jvm = launchChild("-Ddrydock.tmpdir=" + tmp, cache.toString());
    BufferedReader out =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("STARTING");

    // when
    Thread.sleep(delayMillis);
    new ProcessBuilder("kill", "-INT", Long.toString(jvm.pid())).start().waitFor();
    assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();

    // then: no server or initdb from that cache runs, and no server directory is left
    for (int i = 0; i < 100 && !processesFrom(cache).isEmpty(); i++) {
      Thread.sleep(100);
    }
    assertThat(processesFrom(cache)).isEmpty();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.filter(p -> p.getFileName().toString().startsWith("drydock-pg-"))).isEmpty();
    }
  }

  private static List<String> processesFrom(Path cache) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .map(h -> h.info().commandLine().orElse(""))
        .filter(c -> c.contains(cache.toString()))
        .toList();
  }

  @Test
  void serverDirectoryGoesToTheConfiguredParent(@TempDir Path parent) {
    String previous = System.setProperty("drydock.tmpdir", parent.toString());
    try (EmbeddedPostgres db =
        EmbeddedPostgres.start(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build())) {
      assertThat(db.workDirectory().getParent()).isEqualTo(parent);
    } finally {
      if (previous == null) {
        System.clearProperty("drydock.tmpdir");
      } else {
        System.setProperty("drydock.tmpdir", previous);
      }
    }
  }

  @Test
  void serverOrphanedByAKilledJvmIsReapedByTheNextStart() throws Exception {
    // given: a JVM killed before any hook could run
    Child child = startChild();
    child.jvm().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(alive(child.postmaster())).as("orphaned postmaster").isTrue();

    // when
    Orphans.reap(ProviderSettings.defaultCacheDirectory());

    // then
    awaitGone(child.postmaster());
    assertThat(alive(child.postmaster())).as("postmaster after reaping").isFalse();
    assertThat(child.workDir()).doesNotExist();
  }

  @Test
  void asRootWithoutUserNamespacesTheServerRunsAsNobody() throws Exception {
    assumeTrue(RunAs.isRoot(), "only root needs (and can use) the setpriv fallback");
    // given / when
    Path workDir;
    long pid;
    try (EmbeddedPostgres db =
        EmbeddedPostgres.start(
            ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build(), RunAs.NOBODY)) {
      workDir = db.workDirectory();
      pid = db.pid();
      // then
      String uidLine =
          Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
              .filter(l -> l.startsWith("Uid:"))
              .findFirst()
              .orElseThrow();
      assertThat(uidLine.split("\\s+")[1]).isEqualTo("65534");
      try (Connection c = db.connect();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select count(*) from pg_database")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(3);
      }
    }
    awaitGone(pid);
    assertThat(alive(pid)).isFalse();
    assertThat(workDir).doesNotExist();
  }
}
