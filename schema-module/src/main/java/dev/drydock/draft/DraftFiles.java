package dev.drydock.draft;

import dev.drydock.pull.PulledMigration;
import dev.drydock.pull.VersionScheme;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The drafted migration files, named as {@code pull} names them: the main migration, then the one
 * run outside a transaction (its {@code .conf} first, so Flyway never sees the script without it).
 */
final class DraftFiles {

  private static final String CONF = "executeInTransaction=false\n";

  private DraftFiles() {}

  /**
   * @param latest the latest version of the migrations, if any
   * @param naming the project's migration prefix, separator and first suffix ({@code V}, {@code
   *     __}, {@code .sql} by default)
   * @param description the file names' description, e.g. {@code add_orders}
   * @param firstLine the header's first line (what the draft is of)
   */
  static List<PulledMigration> of(
      DraftScript.Bodies bodies,
      Optional<String> latest,
      String[] naming,
      String description,
      String firstLine,
      Clock clock) {
    List<PulledMigration> out = new ArrayList<>();
    String header =
        firstLine
            + "-- Written only once Flyway, applying it on top of the migrations on a throwaway"
            + " database, gave exactly the desired schema.\n";
    boolean hasMain = bodies.main().lines().anyMatch(l -> !l.isBlank() && !isFrame(l));
    if (hasMain) {
      String version = VersionScheme.next(latest, clock);
      String file = naming[0] + version + naming[1] + description + naming[2];
      out.add(
          new PulledMigration(version, file, "-- " + file + "\n" + header + "\n" + bodies.main()));
      latest = Optional.of(version);
    }
    if (!bodies.outside().isEmpty()) {
      String version = VersionScheme.next(latest, clock);
      String name = hasMain ? description + "_concurrently" : description;
      String file = naming[0] + version + naming[1] + name + naming[2];
      out.add(new PulledMigration(version, file + ".conf", CONF));
      out.add(
          new PulledMigration(
              version,
              file,
              "-- "
                  + file
                  + ": runs outside a transaction ("
                  + file
                  + ".conf), statement by statement.\n"
                  + header
                  + "\n"
                  + bodies.outside()
                  + "\n"));
    }
    return out;
  }

  private static boolean isFrame(String line) {
    return line.startsWith("--")
        || line.startsWith("SET check_function_bodies")
        || line.startsWith("RESET check_function_bodies");
  }
}
