package dev.drydock.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * SHA-256 over everything the generated sources depend on: what Flyway applies (its resolved list:
 * each migration's kind, version, description, history name, bytes and {@code .conf}), the
 * generator configuration and the tool versions. Stored in the output directory as {@value
 * #FILE_NAME} together with the number of generated files, so a deleted or hand-edited output is
 * noticed too. The first line also holds the {@link ListingStamp} of the run that wrote it: a later
 * run with the same stamp is up to date without asking Flyway. Below those two lines the marker
 * lists every file Drydock wrote there (relative paths with {@code /}), so a later run knows which
 * files are its own to replace.
 */
public record Fingerprint(String hash) {

  public static final String FILE_NAME = ".drydock-fingerprint";

  /**
   * The fingerprint of what Flyway applies ({@link
   * dev.drydock.migrate.ResolvedMigrations#digest()}) under {@code configuration}.
   */
  static Fingerprint of(String resolvedDigest, String configuration) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, configuration);
      update(sha, resolvedDigest);
      return new Fingerprint(HexFormat.of().formatHex(sha.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest sha, String text) {
    sha.update(text.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }

  /** The short form shown to users. */
  public String shortHash() {
    return hash.substring(0, 12);
  }

  /**
   * True when {@code outputDirectory} was generated from exactly this fingerprint and is intact.
   */
  boolean matches(Path outputDirectory) {
    Optional<String[]> stored = read(outputDirectory);
    return stored.isPresent()
        && stored.get()[0].equals(hash)
        && stored.get()[1].equals(Long.toString(countSources(outputDirectory)));
  }

  /**
   * Whether {@code outputDirectory} holds exactly the files its marker counts: no generated file
   * deleted or added by hand since the run that wrote it.
   */
  static boolean intact(Path outputDirectory) {
    Optional<String[]> stored = read(outputDirectory);
    return stored.isPresent()
        && stored.get()[1].equals(Long.toString(countSources(outputDirectory)));
  }

  /**
   * The stored fingerprint, when {@code outputDirectory} is intact and was written (or last found
   * up to date) by a run whose inputs had exactly {@code stamp}: no Flyway needed to know.
   */
  static Optional<Fingerprint> unchanged(Path outputDirectory, String stamp) {
    Optional<String[]> stored = read(outputDirectory);
    return stored.isPresent()
            && stamp.equals(stored.get()[2])
            && stored.get()[1].equals(Long.toString(countSources(outputDirectory)))
        ? Optional.of(new Fingerprint(stored.get()[0]))
        : Optional.empty();
  }

  /** Records {@code stamp} in the marker of an output found up to date the slow way. */
  void restamp(Path outputDirectory, String stamp) {
    Path file = outputDirectory.resolve(FILE_NAME);
    try {
      List<String> lines =
          new java.util.ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
      lines.set(0, hash + " " + stamp);
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      // the next run asks Flyway again: slower, never wrong
    }
  }

  void writeTo(Path outputDirectory, Optional<String> stamp) throws IOException {
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

  /**
   * The files a previous run recorded as written into {@code outputDirectory} (relative, with
   * {@code /}); empty when there is no marker or it predates the list.
   */
  static Set<String> writtenFiles(Path outputDirectory) {
    try {
      List<String> lines =
          Files.readAllLines(outputDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8);
      return lines.size() <= 2 ? Set.of() : Set.copyOf(lines.subList(2, lines.size()));
    } catch (IOException e) {
      return Set.of();
    }
  }

  /** {@code file} relative to {@code directory}, separated by {@code /} on every platform. */
  static String relative(Path directory, Path file) {
    return directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  private static Optional<String[]> read(Path outputDirectory) {
    Path file = outputDirectory.resolve(FILE_NAME);
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.size() < 2) {
        return Optional.empty();
      }
      String[] first = lines.get(0).trim().split(" ");
      return Optional.of(
          new String[] {first[0], lines.get(1).trim(), first.length > 1 ? first[1] : ""});
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The files jOOQ wrote into {@code directory}: every regular file but Drydock's, whatever the
   * generator's language ({@code .java}, {@code .kt} from the KotlinGenerator, {@code .scala}).
   */
  static long countSources(Path directory) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      // Drydock's own files (this marker, the catalog hash) are all named .drydock-*
      return walk.filter(
              p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".drydock-"))
          .count();
    } catch (IOException e) {
      return -1;
    }
  }
}
