package dev.drydock.codegen;

import dev.drydock.marker.OutputMarker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * SHA-256 over everything the generated sources depend on: what Flyway applies (its resolved list:
 * each migration's kind, version, description, history name, bytes and {@code .conf}), the
 * generator configuration and the tool versions. Stored in the output directory as {@value
 * #FILE_NAME} together with the number of generated files, so a deleted or hand-edited output is
 * noticed too. The first line also holds the {@link dev.drydock.marker.ListingStamp} of the run
 * that wrote it: a later run with the same stamp is up to date without asking Flyway. Below those
 * two lines the marker lists every file Drydock wrote there (relative paths with {@code /}), so a
 * later run knows which files are its own to replace. The marker's format has one owner, {@link
 * OutputMarker} (in the JDK-only {@code drydock-marker}, which the thin Maven plugin reads too).
 */
public record Fingerprint(String hash) {

  public static final String FILE_NAME = OutputMarker.FILE_NAME;

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
    return OutputMarker.matches(outputDirectory, hash);
  }

  /**
   * Whether {@code outputDirectory} holds exactly the files its marker counts: no generated file
   * deleted or added by hand since the run that wrote it.
   */
  static boolean intact(Path outputDirectory) {
    return OutputMarker.intact(outputDirectory);
  }

  /**
   * The stored fingerprint, when {@code outputDirectory} is intact and was written (or last found
   * up to date) by a run whose inputs had exactly {@code stamp}: no Flyway needed to know.
   */
  static Optional<Fingerprint> unchanged(Path outputDirectory, String stamp) {
    return OutputMarker.unchanged(outputDirectory, stamp).map(Fingerprint::new);
  }

  /** Records {@code stamp} in the marker of an output found up to date the slow way. */
  void restamp(Path outputDirectory, String stamp) {
    OutputMarker.restamp(outputDirectory, hash, stamp);
  }

  void writeTo(Path outputDirectory, Optional<String> stamp) throws IOException {
    OutputMarker.write(outputDirectory, hash, stamp);
  }

  /** The files jOOQ wrote into {@code directory} (see {@link OutputMarker#countSources}). */
  static long countSources(Path directory) {
    return OutputMarker.countSources(directory);
  }
}
