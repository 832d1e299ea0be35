package dev.drydock.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What tests compare output trees by: every regular file under a directory with its text. */
public final class FileContents {

  private FileContents() {}

  /** Every file under {@code dir}, by its path relative to {@code dir}, with its content. */
  public static Map<String, String> of(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(file).toString(), Files.readString(file));
      }
    }
    return files;
  }
}
