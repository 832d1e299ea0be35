package dev.drydock.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Orphans#reap} deletes an orphan's directory only once the process that runs in it has
 * exited. The "server" is a real process named {@code postgres} (a copy of {@code sleep}) whose
 * parent never waits for it, so after SIGKILL it stays a process (a zombie) until that parent ends:
 * a server that is slow to go away.
 */
class OrphansTest {

  @TempDir Path dir;

  private Path cache;
  private Path workDir;
  private Path entry;
  private long deadJvm;
  private Process parent;
  private long server;

  @BeforeEach
  void orphanOfADeadJvm() throws Exception {
    cache = Files.createDirectories(dir.resolve("cache"));
    workDir = Files.createDirectories(dir.resolve("drydock-pg-orphan"));
    Files.writeString(workDir.resolve("postgres.log"), "in use\n");
    Process jvm = new ProcessBuilder("true").start();
    assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).as("stand-in for a killed JVM exited").isTrue();
    deadJvm = jvm.pid();
    entry = Orphans.entryFile(cache, deadJvm, workDir);
  }

  @AfterEach
  void stopTheParent() {
    if (parent != null) {
      parent.destroyForcibly();
    }
  }

  /** Starts a fake server whose parent ends {@code seconds} after, and registers it. */
  private void orphanedServerReapedByItsParentAfter(int seconds) throws Exception {
    Path fake = dir.resolve("bin").resolve("postgres");
    Files.createDirectories(fake.getParent());
    Files.copy(Path.of("/bin/sleep"), fake);
    fake.toFile().setExecutable(true);
    parent =
        new ProcessBuilder(
                "sh",
                "-c",
                "\"$0\" 600 >/dev/null 2>&1 & echo $!; exec sleep " + seconds,
                fake.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      server = Long.parseLong(out.readLine().trim());
    }
    // the forked shell execs the fake server a moment later
    for (int i = 0; i < 200 && !runsFakeServer(server); i++) {
      Thread.sleep(10);
    }
    assertThat(runsFakeServer(server)).as("fake server running").isTrue();
    new Orphans.Entry(deadJvm, server, workDir).writeTo(entry);
  }

  private static boolean runsFakeServer(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(h -> h.info().command())
        .map(c -> c.endsWith("/bin/postgres"))
        .orElse(false);
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void orphanDirectoryIsDeletedOnlyAfterItsServerHasExited() throws Exception {
    // given: a server that lingers 2 s after SIGKILL
    orphanedServerReapedByItsParentAfter(2);
    AtomicBoolean deletedUnderARunningServer = new AtomicBoolean();
    AtomicBoolean reaping = new AtomicBoolean(true);
    Thread watcher =
        new Thread(
            () -> {
              while (reaping.get()) {
                if (!Files.exists(workDir) && alive(server)) {
                  deletedUnderARunningServer.set(true);
                }
              }
            });
    watcher.start();

    // when
    long start = System.nanoTime();
    Orphans.reap(cache);
    long millis = (System.nanoTime() - start) / 1_000_000;
    boolean aliveAfterReap = alive(server);
    reaping.set(false);
    watcher.join();

    // then: reap waited for the server, then deleted its directory and entry
    assertThat(aliveAfterReap).as("server alive when reap returned").isFalse();
    assertThat(deletedUnderARunningServer).as("directory deleted while server ran").isFalse();
    assertThat(workDir).doesNotExist();
    assertThat(entry).doesNotExist();
    assertThat(millis).as("reap waited for the server to exit").isBetween(1_000L, 4_900L);
  }

  @Test
  void orphanWhoseServerOutlivesTheTimeoutKeepsItsDirectoryUntilANextReapFindsItGone()
      throws Exception {
    // given: a server that lingers until its parent is stopped
    orphanedServerReapedByItsParentAfter(600);

    // when
    Orphans.reap(cache);

    // then: killed but not gone within the timeout, so the directory and the entry stay
    assertThat(alive(server)).as("server lingering after SIGKILL").isTrue();
    assertThat(workDir.resolve("postgres.log")).exists();
    assertThat(entry).exists();

    // when: the server goes away, and the next build reaps
    parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    for (int i = 0; i < 100 && alive(server); i++) {
      Thread.sleep(50);
    }
    Orphans.reap(cache);

    // then
    assertThat(alive(server)).isFalse();
    assertThat(workDir).doesNotExist();
    assertThat(entry).doesNotExist();
  }
}
