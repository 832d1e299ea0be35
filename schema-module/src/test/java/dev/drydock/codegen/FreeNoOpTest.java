package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.migrate.Migrations;
import dev.drydock.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The up-to-date build answers from the file listing and the marker: no Flyway or jOOQ class is
 * loaded; and it is never wrong: a change Flyway applies (an upper-case {@code .SQL} file too)
 * makes it regenerate, a file Flyway ignores does not.
 */
class FreeNoOpTest {

  @TempDir Path root;
  Path migrations;
  Path output;

  @BeforeEach
  void generateOnce() throws Exception {
    migrations = Files.createDirectories(root.resolve("migrations"));
    output = root.resolve("out");
    Files.writeString(migrations.resolve("V1__a.sql"), "create table a (id int primary key);\n");
    Files.writeString(migrations.resolve("V2__b.SQL"), "create table b (id int primary key);\n");
    assertThat(workflow().run().upToDate()).isFalse();
  }

  @Test
  void givenNothingChanged_whenRunInAFreshJvm_thenNoFlywayOrJooqClassIsLoaded() throws Exception {
    // when
    String out = probe();

    // then
    assertThat(out).contains("RESULT upToDate=true");
    assertThat(loaded(out, "org.flywaydb.")).isEmpty();
    assertThat(loaded(out, "org.jooq.")).isEmpty();
  }

  @Test
  void givenTheProjectsJooqSettings_whenNothingChanged_thenJooqsCodeGeneratorIsNotLoaded()
      throws Exception {
    // given: generated with the project's <generator> settings (as the goal's parameter gives them)
    CodeGeneration.configure()
        .migrations(Migrations.configure().location(migrations).build())
        .packageName("com.example.db")
        .outputDirectory(output)
        .jooqGenerator(JooqGeneratorSettings.of(NoOpProbe.generator()))
        .build()
        .run();

    // when
    String out = probe("with-generator");

    // then: only the settings' own classes, never jOOQ's generator or Flyway
    assertThat(out).contains("RESULT upToDate=true");
    assertThat(loaded(out, "org.jooq.codegen.")).isEmpty();
    assertThat(loaded(out, "org.flywaydb.")).isEmpty();
  }

  @Test
  void givenAnUpperCaseSuffixMigrationEdited_whenRun_thenItRegenerates() throws Exception {
    // given: Flyway runs V2__b.SQL, so a change to it is a change
    Files.writeString(
        migrations.resolve("V2__b.SQL"),
        "create table sneaky_upper (id int);\n",
        StandardOpenOption.APPEND);

    // when
    GenerationResult result = workflow().run();

    // then
    assertThat(result.upToDate()).isFalse();
    assertThat(output.resolve("com/example/db/tables/SneakyUpper.java")).exists();
  }

  @Test
  void givenAFileFlywayIgnoresAdded_whenRun_thenUpToDateAndFreeAgainAfterwards() throws Exception {
    // given
    Files.writeString(migrations.resolve("README.md"), "notes\n");

    // when: Flyway is asked once (the listing changed), the fingerprint is the same
    GenerationResult first = workflow().run();
    String again = probe();

    // then
    assertThat(first.upToDate()).isTrue();
    assertThat(again).contains("RESULT upToDate=true");
    assertThat(loaded(again, "org.flywaydb.")).isEmpty();
  }

  private CodeGeneration workflow() {
    return CodeGeneration.configure()
        .migrations(Migrations.configure().location(migrations).build())
        .packageName("com.example.db")
        .outputDirectory(output)
        .build();
  }

  private String probe(String... extra) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(List.of(migrations.toString(), output.toString()));
    args.addAll(List.of(extra));
    try (ChildProcess child =
        ChildProcess.java(List.of("-verbose:class"), NoOpProbe.class.getName(), args, root)) {
      assertThat(child.awaitExit(Duration.ofSeconds(60))).as(child.tail()).isZero();
      return child.output();
    }
  }

  private static List<String> loaded(String verbose, String prefix) {
    return verbose
        .lines()
        .filter(l -> l.startsWith("[") && l.contains("class,load") && l.contains(" " + prefix))
        .toList();
  }
}
