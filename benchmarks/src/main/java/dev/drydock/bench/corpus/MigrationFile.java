package dev.drydock.bench.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One Flyway migration of a generated or split corpus: its file name ({@code V12__orders.sql}) and
 * its SQL.
 */
public record MigrationFile(String name, String sql) {

  /**
   * Writes the first {@code count} of {@code files} into {@code dir} (created if missing), the
   * migrations a project would have after its {@code count}-th.
   */
  public static Path writeFirst(List<MigrationFile> files, int count, Path dir) {
    if (count < 1 || count > files.size()) {
      throw new IllegalArgumentException(
          "cannot write the first " + count + " of " + files.size() + " migrations");
    }
    try {
      Files.createDirectories(dir);
      for (MigrationFile file : files.subList(0, count)) {
        Files.writeString(dir.resolve(file.name()), file.sql(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write migrations to " + dir, e);
    }
    return dir;
  }
}
