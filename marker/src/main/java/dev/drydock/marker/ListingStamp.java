package dev.drydock.marker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * SHA-256 over a configuration text and every file under the migration locations (relative path and
 * bytes, symbolic links followed): what Flyway's resolved list is a function of, read without
 * Flyway. Equal stamps mean an equal resolved list under an equal configuration, so an equal
 * fingerprint: the no-op build answers from this and the {@link OutputMarker} alone. A different
 * stamp only means "ask Flyway" (a README added beside the migrations changes the stamp, not the
 * fingerprint). The engine stamps its own configuration text; the thin Maven plugin stamps the
 * goal's raw inputs (see {@code dev.drydock.maven.plugin.BuildStamp}).
 */
public final class ListingStamp {

  private ListingStamp() {}

  /** The stamp; empty when a location is missing or unreadable (then Flyway is asked). */
  public static Optional<String> of(List<Path> locations, String configuration) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, configuration);
      for (Path location : locations) {
        if (!Files.isDirectory(location)) {
          return Optional.empty();
        }
        update(sha, "location=" + location.toAbsolutePath().normalize());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(location, FileVisitOption.FOLLOW_LINKS)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
          update(sha, location.relativize(file).toString());
          sha.update(Files.readAllBytes(file));
          sha.update((byte) 0);
        }
      }
      return Optional.of(HexFormat.of().formatHex(sha.digest()));
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest sha, String text) {
    sha.update(text.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }
}
