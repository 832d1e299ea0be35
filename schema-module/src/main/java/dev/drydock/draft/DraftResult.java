package dev.drydock.draft;

import dev.drydock.diff.Difference;
import dev.drydock.pull.PulledMigration;
import java.nio.file.Path;
import java.util.List;

/**
 * What a draft found and did.
 *
 * @param outcome what happened
 * @param differences the desired schema against the migrations' (for {@link Outcome#PROVEN} and
 *     {@link Outcome#STOPPED}, {@link Outcome#DIFFERS}), or what still differs after the draft was
 *     applied ({@link Outcome#UNPROVEN})
 * @param stops for {@link Outcome#STOPPED}: one line per decision the hints must make; for {@link
 *     Outcome#UNPROVEN}: why the draft did not apply, if it did not
 * @param migrations the drafted files (a migration, and possibly a second one run outside a
 *     transaction with its {@code .conf}), in the order to write them
 * @param written the files written; empty unless written
 * @param desiredStatements how many statements of the desired-state folder were loaded (0 when its
 *     catalog was kept from an earlier run with the same files)
 * @param loadRounds in how many rounds they loaded; 0 when they were not loaded, the desired
 *     state's catalog having been kept from an earlier run with the same files
 * @param serverStarted whether a throwaway server was started (none is when every catalog the draft
 *     needs was kept with the migrations' snapshot)
 * @param warnings for a drafted migration: its steps that can fail on rows a table already has
 *     (which the proof, on no rows, cannot clear), one line each naming the step; never a stop
 */
public record DraftResult(
    Outcome outcome,
    List<Difference> differences,
    List<String> stops,
    List<PulledMigration> migrations,
    List<Path> written,
    int desiredStatements,
    int loadRounds,
    boolean serverStarted,
    List<String> warnings) {

  /** How a draft ended. */
  public enum Outcome {
    /** The migrations already give the desired schema: nothing to draft. */
    IN_STEP,
    /** {@code --check}: they do not. */
    DIFFERS,
    /** A decision only the hints (or {@code --allow-destructive}) can make; nothing written. */
    STOPPED,
    /** The draft, applied on top of the migrations, does not give the desired schema. */
    UNPROVEN,
    /** The draft gives exactly the desired schema (and was written, unless a dry run). */
    PROVEN
  }

  public DraftResult {
    differences = List.copyOf(differences);
    stops = List.copyOf(stops);
    migrations = List.copyOf(migrations);
    written = List.copyOf(written);
    warnings = List.copyOf(warnings);
  }
}
