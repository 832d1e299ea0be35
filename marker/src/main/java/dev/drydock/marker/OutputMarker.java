package dev.drydock.marker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The marker Drydock keeps in a generated output directory, {@value #FILE_NAME}: its one owner,
 * read by the thin Maven plugin (which answers "up to date" from it alone) and written by the
 * engine. Line one is the fingerprint (a SHA-256 over what the sources depend on) and, after a
 * space, the stamp of the run that wrote or last checked it (see {@link ListingStamp}); line two
 * the number of generated files; below them every file Drydock wrote there (relative paths with
 * {@code /}), so a later run knows which files are its own to replace.
 */
public final class OutputMarker {

  /** The marker's file name. */
  public static final String FILE_NAME = ".drydock-fingerprint";

  /** The catalog hash the engine keeps beside the marker. */
  public static final String CATALOG_FILE_NAME = ".drydock-catalog";

  /**
   * What a marker holds.
   *
   * @param hash the fingerprint
   * @param count the number of generated files, as written
   * @param stamp the stamp, empty when the marker has none
   */
  public record Stored(String hash, String count, String stamp) {}

  private OutputMarker() {}

  /** The marker in {@code outputDirectory}; empty when there is none or it is unreadable. */
  public static Optional<Stored> read(Path outputDirectory) {
    Path file = outputDirectory.resolve(FILE_NAME);
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.size() < 2) {
        return Optional.empty();
      }
      String[] first = lines.get(0).trim().split(" ");
      return Optional.of(
          new Stored(first[0], lines.get(1).trim(), first.length > 1 ? first[1] : ""));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The stored fingerprint, when {@code outputDirectory} is intact and was written (or last found
   * up to date) by a run whose inputs had exactly {@code stamp}.
   */
  public static Optional<String> unchanged(Path outputDirectory, String stamp) {
    Optional<Stored> stored = read(outputDirectory);
    return stored.isPresent()
            && stamp.equals(stored.get().stamp())
            && stored.get().count().equals(Long.toString(countSources(outputDirectory)))
        ? Optional.of(stored.get().hash())
        : Optional.empty();
  }

  /** Whether {@code outputDirectory} was generated from {@code hash} and is intact. */
  public static boolean matches(Path outputDirectory, String hash) {
    Optional<Stored> stored = read(outputDirectory);
    return stored.isPresent() && stored.get().hash().equals(hash) && intact(outputDirectory);
  }

  /** Whether {@code outputDirectory} holds exactly the files its marker counts. */
  public static boolean intact(Path outputDirectory) {
    Optional<Stored> stored = read(outputDirectory);
    return stored.isPresent()
        && stored.get().count().equals(Long.toString(countSources(outputDirectory)));
  }

  /** Writes the marker of {@code hash} (and {@code stamp}) for the files now in the directory. */
  public static void write(Path outputDirectory, String hash, Optional<String> stamp)
      throws IOException {
    StringBuilder marker =
        new StringBuilder(hash)
            .append(stamp.map(s -> " " + s).orElse(""))
            .append('\n')
            .append(countSources(outputDirectory))
            .append('\n');
    try (Stream<Path> walk = Files.walk(outputDirectory)) {
      walk.filter(Files::isRegularFile)
          .map(p -> relative(outputDirectory, p))
          .sorted()
          .forEach(p -> marker.append(p).append('\n'));
    }
    Files.writeString(outputDirectory.resolve(FILE_NAME), marker, StandardCharsets.UTF_8);
  }

  /** Records {@code stamp} in the marker of an output found up to date the slow way. */
  public static void restamp(Path outputDirectory, String hash, String stamp) {
    Path file = outputDirectory.resolve(FILE_NAME);
    try {
      List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
      lines.set(0, hash + " " + stamp);
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      // the next run asks Flyway again: slower, never wrong
    }
  }

  /** The files a previous run recorded as written (relative, with {@code /}). */
  public static Set<String> writtenFiles(Path outputDirectory) {
    try {
      List<String> lines =
          Files.readAllLines(outputDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8);
      return lines.size() <= 2 ? Set.of() : Set.copyOf(lines.subList(2, lines.size()));
    } catch (IOException e) {
      return Set.of();
    }
  }

  /** {@code file} relative to {@code directory}, separated by {@code /} on every platform. */
  public static String relative(Path directory, Path file) {
    return directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  /**
   * The files jOOQ wrote into {@code directory}: every regular file but Drydock's ({@code
   * .drydock-*}), whatever the generator's language; -1 when unreadable.
   */
  public static long countSources(Path directory) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(
              p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".drydock-"))
          .count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
  }

  /** The up-to-date line of a build log, the same from the engine and from the thin plugin. */
  public static String upToDateLine(String hash, long sourceFiles, long millis) {
    return "jOOQ sources up to date (fingerprint "
        + hash.substring(0, 12)
        + ", "
        + sourceFiles
        + " files), no database started ["
        + millis
        + " ms]";
  }
}
