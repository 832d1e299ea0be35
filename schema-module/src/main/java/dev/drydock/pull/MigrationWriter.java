package dev.drydock.pull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a pulled migration into a directory without ever leaving a partial file or overwriting
 * one: the text goes to a hidden temporary file beside the target (which Flyway does not read),
 * which is then renamed; an interrupted run deletes it on the way out.
 */
public final class MigrationWriter {
  private static final SecureRandom RANDOM = new SecureRandom();

  private MigrationWriter() {}

  /**
   * Writes {@code migration} into {@code directory} (created when missing).
   *
   * @return the written file
   * @throws PullException when the file exists or the directory cannot be written; nothing changed
   */
  public static Path write(Path directory, PulledMigration migration) {
    Path target = directory.resolve(migration.fileName());
    if (Files.exists(target)) {
      throw new PullException("Migration file already exists, not overwritten: " + target);
    }
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      // created as any file the user makes (0666 less the umask: 0644 under 022), not 0600 as
      // Files.createTempFile would: the migration is committed and read by others
      temporary =
          directory.resolve(
              "." + migration.fileName() + "." + Long.toUnsignedString(RANDOM.nextLong()) + ".tmp");
      temporary.toFile().deleteOnExit();
      Files.writeString(
          temporary,
          migration.sql(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      Files.move(temporary, target);
      temporary = null;
      return target;
    } catch (FileAlreadyExistsException e) {
      throw new PullException("Migration file already exists, not overwritten: " + target, e);
    } catch (IOException e) {
      throw new PullException("Cannot write the migration into " + directory + ": " + reason(e), e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // deleteOnExit has it
        }
      }
    }
  }

  private static String reason(IOException e) {
    String kind = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? kind : kind + " (" + e.getMessage() + ")";
  }
}
