package dev.drydock.codegen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a run of the pull workflow did.
 *
 * @param upToDate true when the fingerprint matched and no database was started
 * @param outputDirectory where the sources are
 * @param fingerprint the inputs' fingerprint
 * @param database one line describing the throwaway database used, empty when up to date
 * @param migrations how many migrations (versioned and repeatable) the schema was made of
 * @param migrationsApplied how many of them Flyway applied in this run (the others came from a
 *     migration snapshot)
 * @param sourceFiles number of generated source files (.java, or .kt from the KotlinGenerator)
 * @param elapsed wall time of the whole run
 */
public record GenerationResult(
    boolean upToDate,
    Path outputDirectory,
    Fingerprint fingerprint,
    Optional<String> database,
    int migrations,
    int migrationsApplied,
    long sourceFiles,
    Duration elapsed) {

  /** One line for a build log. */
  public String summary() {
    if (upToDate) {
      return dev.drydock.marker.OutputMarker.upToDateLine(
          fingerprint.hash(), sourceFiles, elapsed.toMillis());
    }
    return "Generated "
        + sourceFiles
        + " jOOQ source files from "
        + migrations
        + " migrations into "
        + outputDirectory
        + (migrationsApplied == migrations
            ? ""
            : " (" + (migrations - migrationsApplied) + " from a snapshot)")
        + " ["
        + elapsed.toMillis()
        + " ms]";
  }
}
