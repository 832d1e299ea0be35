package dev.drydock.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationWriterTest {

  @TempDir Path temp;

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void givenAMissingDirectory_whenWritten_thenItIsCreatedWithTheFileOnly() throws IOException {
    Path dir = temp.resolve("new/migrations");

    Path written = MigrationWriter.write(dir, new PulledMigration("1", "V1__baseline.sql", "SQL"));

    assertThat(written).isEqualTo(dir.resolve("V1__baseline.sql"));
    assertThat(Files.readString(written)).isEqualTo("SQL");
    assertThat(files(dir)).containsExactly("V1__baseline.sql");
  }

  @Test
  void givenTheUmask_whenWritten_thenTheFileHasTheModeOfAnyNewFile() throws IOException {
    // given: the mode a file created now gets (0644 under umask 022)
    Path dir = Files.createDirectories(temp.resolve("migrations"));
    Path probe = Files.createFile(temp.resolve("probe"));

    // when
    Path written = MigrationWriter.write(dir, new PulledMigration("2", "V2__pull.sql", "SQL"));

    // then: the same mode, not the owner-only mode of a temporary file
    assertThat(Files.getPosixFilePermissions(written))
        .isEqualTo(Files.getPosixFilePermissions(probe));
    assertThat(Files.getPosixFilePermissions(written))
        .contains(java.nio.file.attribute.PosixFilePermission.OWNER_READ);
    assertThat(files(dir)).containsExactly("V2__pull.sql");
  }

  @Test
  void givenAnExistingFile_whenWritten_thenItIsRefusedAndKept() throws IOException {
    Files.writeString(temp.resolve("V2__pull.sql"), "mine");

    assertThatThrownBy(
            () -> MigrationWriter.write(temp, new PulledMigration("2", "V2__pull.sql", "theirs")))
        .isInstanceOf(PullException.class)
        .hasMessage(
            "Migration file already exists, not overwritten: " + temp.resolve("V2__pull.sql"));
    assertThat(Files.readString(temp.resolve("V2__pull.sql"))).isEqualTo("mine");
    assertThat(files(temp)).containsExactly("V2__pull.sql");
  }

  @Test
  void givenADirectoryUnderAFile_whenWritten_thenAClearErrorAndNothingWritten() throws IOException {
    Path file = Files.writeString(temp.resolve("file"), "x");

    assertThatThrownBy(
            () ->
                MigrationWriter.write(
                    file.resolve("migrations"), new PulledMigration("1", "V1__b.sql", "SQL")))
        .isInstanceOf(PullException.class)
        .hasMessageStartingWith(
            "Cannot write the migration into " + file.resolve("migrations") + ": ");
    assertThat(files(temp)).containsExactly("file");
  }
}
