package dev.drydock.draft;

import dev.drydock.draft.schema.DependencyLoader;
import dev.drydock.draft.schema.SchemaFolder;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.Introspector;
import dev.drydock.provider.ThrowawayDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Consumer;

/** The desired state's catalog: its folder loaded into a database of its own, introspected. */
final class DesiredState {

  /**
   * @param catalog the desired state's catalog
   * @param loaded what the load did
   */
  record Loaded(Catalog catalog, DependencyLoader.Loaded loaded) {}

  private DesiredState() {}

  /**
   * Loads {@code folder} into a new database on {@code server} (dropped afterwards) in dependency
   * order and introspects it.
   *
   * @throws dev.drydock.draft.schema.SchemaLoadException naming the file and line of a statement
   *     that loads in no order
   */
  static Loaded load(
      ThrowawayDatabase server,
      SchemaFolder folder,
      Introspector introspector,
      Consumer<String> log)
      throws SQLException {
    try (ScratchDatabase scratch = ScratchDatabase.create(server, "desired", null);
        Connection c = scratch.connect()) {
      log.accept("Loading " + folder.files().size() + " desired-state file(s)");
      long started = System.nanoTime();
      DependencyLoader.Loaded loaded = DependencyLoader.load(folder, c);
      log.accept(
          "Loaded "
              + loaded.statements()
              + " statement(s) in "
              + loaded.rounds()
              + " round(s), "
              + millisSince(started)
              + " ms");
      long introspecting = System.nanoTime();
      Catalog catalog = introspector.load(c, Set.of());
      log.accept("Introspected the desired state, " + millisSince(introspecting) + " ms");
      return new Loaded(catalog, loaded);
    }
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
