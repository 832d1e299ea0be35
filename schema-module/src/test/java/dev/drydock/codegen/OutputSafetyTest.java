package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output directory is replaced only when it holds nothing but what Drydock (or jOOQ, in the
 * package directory) wrote; otherwise the run refuses, naming the files, and deletes nothing.
 */
@ExtendWith(SharedPostgres.class)
class OutputSafetyTest {

  /** A provider that cannot start: a refusal with it proves nothing was started. */
  private static final ProviderSettings UNREACHABLE =
      ProviderSettings.configure()
          .kind(ProviderKind.EXTERNAL)
          .serverUrl("jdbc:postgresql://127.0.0.1:1/none")
          .build();

  @TempDir Path root;
  Path migrations;

  @BeforeEach
  void writeMigrations() throws Exception {
    migrations = Files.createDirectories(root.resolve("migrations"));
    Files.writeString(
        migrations.resolve("V1__items.sql"), "create table items (id int primary key);\n");
  }

  private CodeGeneration workflow(Path output, ProviderSettings provider) {
    return CodeGeneration.configure()
        .migrations(Migrations.configure().location(migrations).build())
        .packageName("com.ex.db")
        .outputDirectory(output)
        .provider(provider)
        .build();
  }

  private static ProviderSettings shared(TestServer server) {
    return ProviderSettings.configure()
        .kind(ProviderKind.EXTERNAL)
        .serverUrl(server.serverUrl())
        .user("postgres")
        .build();
  }

  @Test
  void givenADirectoryOfOtherFilesWhenGeneratingThenItRefusesNamingThemAndDeletesNothing()
      throws Exception {
    // given
    Path output = Files.createDirectories(root.resolve("out"));
    Files.writeString(output.resolve("README.txt"), "mine");
    Files.createDirectories(output.resolve("notes"));
    Files.writeString(output.resolve("notes/todo.md"), "- [ ] things");
    Files.createDirectories(output.resolve("com/ex/db"));
    Files.writeString(output.resolve("com/ex/db/Mine.java"), "package com.ex.db; class Mine {}");

    // when / then
    assertThatThrownBy(() -> workflow(output, UNREACHABLE).run())
        .isInstanceOf(CodegenException.class)
        .hasMessage(
            "Refusing to replace "
                + output.toAbsolutePath()
                + ": it holds files Drydock did not write, which regenerating would delete:"
                + " README.txt, com/ex/db/Mine.java, notes/todo.md; give a directory of its own"
                + " for the generated sources (nothing was deleted)");
    assertThat(output.resolve("README.txt")).hasContent("mine");
    assertThat(output.resolve("notes/todo.md")).hasContent("- [ ] things");
    assertThat(output.resolve("com/ex/db/Mine.java"))
        .hasContent("package com.ex.db; class Mine {}");
    assertThat(siblings()).containsExactlyInAnyOrder("migrations", "out");
  }

  @Test
  void givenARegularFileAsOutputWhenGeneratingThenItRefusesAndKeepsTheFile() throws Exception {
    Path file = Files.writeString(root.resolve("Generated.java"), "class Generated {}");

    assertThatThrownBy(() -> workflow(file, UNREACHABLE).run())
        .isInstanceOf(CodegenException.class)
        .hasMessage(
            "Refusing to write generated sources to "
                + file.toAbsolutePath()
                + ": it is a file, not a directory; give a directory of its own for the generated"
                + " sources");
    assertThat(file).isRegularFile().hasContent("class Generated {}");
  }

  @Test
  void givenItsOwnOutputWhenMigrationsChangeThenItRegeneratesInPlaceAndLeavesNoStaging(
      TestServer server) throws Exception {
    // given
    Path output = root.resolve("out");
    workflow(output, shared(server)).run();
    assertThat(Files.readString(output.resolve(Fingerprint.FILE_NAME)))
        .contains("\ncom/ex/db/tables/Items.java\n");
    Files.writeString(
        migrations.resolve("V2__tags.sql"), "create table tags (id int primary key);\n");

    // when
    GenerationResult result = workflow(output, shared(server)).run();

    // then
    assertThat(result.upToDate()).isFalse();
    assertThat(output.resolve("com/ex/db/tables/Items.java")).isRegularFile();
    assertThat(output.resolve("com/ex/db/tables/Tags.java")).isRegularFile();
    assertThat(siblings()).containsExactlyInAnyOrder("migrations", "out");
  }

  @Test
  void givenSourcesJooqGeneratedWithoutAMarkerWhenGeneratingThenTheyAreReplaced(TestServer server)
      throws Exception {
    // given: what jooq-codegen-maven leaves: the package directory only, no Drydock marker
    Path output = root.resolve("out");
    workflow(output, shared(server)).run();
    Files.delete(output.resolve(Fingerprint.FILE_NAME));
    Files.writeString(
        migrations.resolve("V2__tags.sql"), "create table tags (id int primary key);\n");

    // when
    workflow(output, shared(server)).run();

    // then
    assertThat(output.resolve("com/ex/db/tables/Tags.java")).isRegularFile();
    assertThat(output.resolve(Fingerprint.FILE_NAME)).isRegularFile();
  }

  @Test
  void givenAFileAddedToTheOutputWhenRegeneratingThenItRefusesNamingIt(TestServer server)
      throws Exception {
    // given
    Path output = root.resolve("out");
    workflow(output, shared(server)).run();
    Files.writeString(output.resolve("com/ex/db/Notes.java"), "// my notes");

    // when / then: even a forced run refuses before starting anything
    assertThatThrownBy(
            () ->
                CodeGeneration.configure()
                    .migrations(Migrations.configure().location(migrations).build())
                    .packageName("com.ex.db")
                    .outputDirectory(output)
                    .provider(UNREACHABLE)
                    .force(true)
                    .build()
                    .run())
        .isInstanceOf(CodegenException.class)
        .hasMessageContaining("which regenerating would delete: com/ex/db/Notes.java;");
    assertThat(output.resolve("com/ex/db/Notes.java")).hasContent("// my notes");
    assertThat(output.resolve("com/ex/db/tables/Items.java")).isRegularFile();
  }

  @Test
  void givenASymlinkToItsOwnOutputWhenMigrationsChangeThenItRegeneratesThroughTheLink(
      TestServer server) throws Exception {
    // given: the generated directory, reached through a symbolic link
    Path real = root.resolve("real");
    workflow(real, shared(server)).run();
    Path link = Files.createSymbolicLink(root.resolve("link"), real);
    Files.writeString(
        migrations.resolve("V2__tags.sql"), "create table tags (id int primary key);\n");

    // when
    workflow(link, shared(server)).run();

    // then: accepted, the link still a link to the regenerated sources, no staging left
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(link.resolve("com/ex/db/tables/Tags.java")).isRegularFile();
    assertThat(siblings()).containsExactlyInAnyOrder("migrations", "real", "link");
  }

  @Test
  void givenASymlinkToADirectoryOfOtherFilesWhenGeneratingThenTheRefusalNamesThem()
      throws Exception {
    Path real = Files.createDirectories(root.resolve("real"));
    Files.writeString(real.resolve("README.txt"), "mine");
    Path link = Files.createSymbolicLink(root.resolve("link"), real);

    assertThatThrownBy(() -> workflow(link, UNREACHABLE).run())
        .isInstanceOf(CodegenException.class)
        .hasMessageContaining("which regenerating would delete: README.txt;");
    assertThat(real.resolve("README.txt")).hasContent("mine");
  }

  private Stream<String> siblings() throws Exception {
    try (Stream<Path> list = Files.list(root)) {
      return list.map(p -> p.getFileName().toString()).toList().stream();
    }
  }
}
