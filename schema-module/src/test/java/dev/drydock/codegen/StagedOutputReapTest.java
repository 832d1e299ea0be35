package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging directories a killed run left beside the output are removed by the next run. */
class StagedOutputReapTest {

  @TempDir Path root;

  @Test
  void givenARunKilledWhileStaging_whenTheNextRunStages_thenItRemovesTheDeadRunsStagingOnly()
      throws Exception {
    // given: a run SIGKILLed with partial sources staged, a staging directory of unknown origin,
    // and one of a run still alive (this JVM)
    Path target = root.resolve("out").resolve("jooq");
    String killed;
    try (ChildProcess child =
        ChildProcess.java(
            List.of(), StagedOutputChild.class.getName(), List.of(target.toString()), root)) {
      child.awaitOutput("staged ", Duration.ofSeconds(60));
      killed = child.output().substring(child.output().indexOf("staged ") + 7).strip();
      child.signal("KILL");
      assertThat(child.awaitExit(Duration.ofSeconds(30))).isEqualTo(137);
    }
    Path parent = target.getParent();
    assertThat(parent.resolve(killed).resolve("Partial.java")).exists();
    Files.createDirectories(parent.resolve("jooq.tmp-42"));
    List<String> lines = new ArrayList<>();
    try (StagedOutput alive = StagedOutput.beside(target, lines::add)) {

      // when: the next run stages beside the same output
      List<String> next = new ArrayList<>();
      try (StagedOutput staged = StagedOutput.beside(target, next::add)) {

        // then: the dead run's staging and owner file are gone, with one line saying so
        assertThat(lines)
            .containsExactly(
                "Removed 1 staging directory left beside "
                    + target
                    + " by a killed run: "
                    + killed);
        assertThat(next).isEmpty();
        assertThat(ChildProcess.entries(parent))
            .containsExactlyInAnyOrder(
                "jooq.tmp-42",
                alive.directory().getFileName().toString(),
                alive.directory().getFileName() + ".owner",
                staged.directory().getFileName().toString(),
                staged.directory().getFileName() + ".owner");
      }
    }
    // and a closed staging leaves neither directory nor owner file
    assertThat(ChildProcess.entries(parent)).containsExactly("jooq.tmp-42");
  }
}
