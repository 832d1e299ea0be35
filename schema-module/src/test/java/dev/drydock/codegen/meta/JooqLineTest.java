package dev.drydock.codegen.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.codegen.ToolVersions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which jOOQ line runs is read from jOOQ at run time, not from the constant compiled in. */
class JooqLineTest {

  @Test
  void givenTheJooqOnTheClasspathThenItsLineIsTheOneOfItsJar() throws Exception {
    // given: the jar org.jooq.Constants is loaded from (jooq-3.19.40.jar, or an overridden one)
    String jar =
        Path.of(
                org.jooq.Constants.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .getFileName()
            .toString();

    // when
    String line = ToolVersions.runningJooqLine();

    // then
    assertThat(jar).startsWith("jooq-" + line + ".");
  }

  @Test
  void givenTheCarriedLineThenItIsTheLineDrydockIsBuiltWith() {
    // the columns query and the memoizing strategy are jOOQ 3.19's: building Drydock on another
    // line must revisit them
    assertThat(ToolVersions.runningJooqLine()).isEqualTo(ToolVersions.EXTENDED_JOOQ_LINE);
  }
}
