package dev.drydock.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The release configuration ({@code distribution/jreleaser.yml}) validated by JReleaser's own
 * {@code config} goal, as a release of 0.1.0 would see it: {@code check-release-config.sh} in a
 * throwaway clone with placeholder credentials (nothing is published).
 */
class ReleaseConfigIT {

  static final Path PROJECT_ROOT = Path.of(System.getProperty("drydock.project.root"));

  @Test
  void jreleaserValidatesTheReleaseConfiguration() throws Exception {
    // given: this checkout is a git repository (JReleaser reads the release's commit from it)
    assertThat(PROJECT_ROOT.resolve(".git")).as("a git checkout").exists();
    Path script = PROJECT_ROOT.resolve("distribution/src/release/check-release-config.sh");
    // when
    Process p =
        new ProcessBuilder("bash", script.toString(), "0.1.0")
            .directory(PROJECT_ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("JReleaser's validation did not end within 600 s:\n" + output);
    }
    // then
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output.strip())
        .matches("release configuration of 0\\.1\\.0 is valid \\(JReleaser \\d+\\.\\d+\\.\\d+\\)");
  }
}
