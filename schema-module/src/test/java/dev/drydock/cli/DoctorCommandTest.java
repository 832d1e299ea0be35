package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drydock doctor}: one line per examination, exit 1 when something needed is missing. */
class DoctorCommandTest {

  @TempDir Path dir;

  @Test
  void givenAUsableMachine_whenExaminedWithoutStarting_thenEveryLineIsOkAndItExitsZero()
      throws Exception {
    // given: an empty cache directory and no Maven settings
    Path cache = dir.resolve("cache");
    // when
    Cli.Result r =
        Cli.run(
            Map.of(),
            "doctor",
            "--no-start",
            "--provider",
            "embedded",
            "--cache-dir",
            cache.toString(),
            "--maven-settings",
            dir.resolve("no-settings.xml").toString());
    // then
    assertThat(r.exitCode()).as(r.all()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines)
        .extracting(l -> l.substring(0, 13).strip())
        .containsExactly(
            "ok   java", "ok   provider", "ok   embedded", "ok   temp", "ok   cache", "ok   maven");
    assertThat(lines.get(1)).endsWith("embedded -> embedded (asked for explicitly)");
    assertThat(lines.get(4)).endsWith(cache + ": empty (created on first use)");
    assertThat(lines.get(5))
        .endsWith(
            "no "
                + dir.resolve("no-settings.xml")
                + ": Maven Central and ~/.m2/repository (Maven's defaults)");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void givenACacheDirectoryThatIsAFile_whenExamined_thenThatLineFailsAndItExitsOne()
      throws Exception {
    Path cache = Files.writeString(dir.resolve("cache"), "not a directory");
    Cli.Result r =
        Cli.run(
            Map.of(),
            "doctor",
            "--no-start",
            "--provider",
            "embedded",
            "--cache-dir",
            cache.toString());
    assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.PROBLEMS_FOUND);
    assertThat(r.out())
        .contains(
            "fail cache    "
                + cache
                + " is not a writable directory: fix its permissions or use --cache-dir\n");
  }

  @Test
  void
      givenOfflineMavenSettingsWithAMirrorAndCredentials_whenExamined_thenItWarnsAndNeverPrintsThem()
          throws Exception {
    Path settings =
        Files.writeString(
            dir.resolve("settings.xml"),
            """
            <settings>
              <offline>true</offline>
              <localRepository>/srv/m2</localRepository>
              <servers><server><id>corp</id><username>ci</username><password>hunter2-secret</password></server></servers>
              <mirrors><mirror><id>corp</id><url>https://repo.example.test/maven</url><mirrorOf>*</mirrorOf></mirror></mirrors>
              <proxies><proxy><host>proxy.example.test</host><port>3128</port><password>proxy-secret</password></proxy></proxies>
            </settings>
            """);
    Cli.Result r =
        Cli.run(
            Map.of(),
            "doctor",
            "--no-start",
            "--provider",
            "embedded",
            "--cache-dir",
            dir.resolve("cache").toString(),
            "--maven-settings",
            settings.toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out())
        .contains(
            "warn maven    "
                + settings
                + ": local repository /srv/m2; mirrors corp -> https://repo.example.test/maven"
                + " (mirror of *); proxies http://proxy.example.test:3128; offline: another"
                + " PostgreSQL version's binaries must already be in the local repository\n")
        .doesNotContain("hunter2-secret")
        .doesNotContain("proxy-secret");
  }

  @Test
  void
      givenAnExternalServerThatDoesNotAnswer_whenExamined_thenStartFailsInOneLineWithoutThePassword()
          throws Exception {
    // given: a port nothing listens on
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // when
    Cli.Result r =
        Cli.run(
            Map.of(),
            "doctor",
            "--provider-url",
            "postgres://app:pw-S3cret@127.0.0.1:" + port + "/postgres",
            "--cache-dir",
            dir.resolve("cache").toString(),
            "--maven-settings",
            dir.resolve("none.xml").toString());
    // then
    assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.PROBLEMS_FOUND);
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(1)).endsWith("auto -> external (a server URL is given)");
    assertThat(lines).noneMatch(l -> l.startsWith("ok   embedded"));
    assertThat(lines.get(lines.size() - 1))
        .startsWith("fail start    a throwaway external server did not start: ");
    assertThat(r.all()).doesNotContain("pw-S3cret");
  }
}
