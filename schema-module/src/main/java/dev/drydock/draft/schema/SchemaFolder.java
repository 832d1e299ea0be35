package dev.drydock.draft.schema;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.drydock.draft.DraftException;
import dev.drydock.files.KeyDigest;
import dev.drydock.migrate.FlywayInternals;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The desired-state folder: every {@code *.sql} file under it, in any order, each split into
 * statements by Flyway's PostgreSQL parser when they are needed.
 */
public final class SchemaFolder {

  /**
   * One statement of a desired-state file.
   *
   * @param file the file it is in
   * @param line 1-based line of its first token
   * @param sql its text
   */
  public record Piece(Path file, int line, String sql) {
    /** {@code schema/orders.sql:3} */
    public String where() {
      return file + ":" + line;
    }
  }

  private final Path directory;
  private final List<Path> files;
  private final List<String> texts;
  private final String contentHash;
  private List<Piece> pieces;

  private SchemaFolder(Path directory, List<Path> files, List<String> texts, String contentHash) {
    this.directory = directory;
    this.files = List.copyOf(files);
    this.texts = List.copyOf(texts);
    this.contentHash = contentHash;
  }

  /**
   * Reads every {@code .sql} file under {@code directory} (sorted by path, so runs are repeatable).
   *
   * @throws DraftException when the folder is missing or a file is unreadable or not UTF-8
   */
  public static SchemaFolder read(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new DraftException(
          "Desired-state folder not found: "
              + directory
              + " (give it with --schema DIR; drydock draft --init writes one from the migrations)");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".sql"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new DraftException("Cannot list " + directory + ": " + e.getMessage(), e);
    }
    List<String> texts = new ArrayList<>();
    KeyDigest sha = KeyDigest.start();
    for (Path file : files) {
      String text;
      try {
        byte[] bytes = Files.readAllBytes(file);
        // the path inside the folder (the order files load in) and the exact bytes
        sha.sized(directory.relativize(file).toString().replace('\\', '/').getBytes(UTF_8));
        sha.sized(bytes);
        text = UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw new DraftException(file + " is not valid UTF-8", e);
      } catch (IOException e) {
        throw new DraftException("Cannot read " + file + ": " + e.getMessage(), e);
      }
      texts.add(text);
    }
    return new SchemaFolder(directory, files, texts, sha.hex(32));
  }

  public Path directory() {
    return directory;
  }

  /** The SQL files, sorted by path. */
  public List<Path> files() {
    return files;
  }

  /**
   * A SHA-256 (32 hex digits) of every file's path inside the folder and exact bytes, in load
   * order: what a catalog of this desired state is kept under.
   */
  public String contentHash() {
    return contentHash;
  }

  /**
   * Every statement, file by file in path order, each file's in its own order: split on first use
   * (a draft whose desired state's catalog was kept never needs them).
   */
  public synchronized List<Piece> pieces() {
    if (pieces == null) {
      List<Piece> all = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        for (FlywayInternals.ScriptStatement s : FlywayInternals.statements(texts.get(i))) {
          all.add(new Piece(files.get(i), s.line(), s.sql()));
        }
      }
      pieces = List.copyOf(all);
    }
    return pieces;
  }
}
