package dev.drydock.draft;

import dev.drydock.diff.ChangeKind;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.diff.sql.DeclaredRename;
import dev.drydock.draft.hints.Hints;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a draft must not decide alone: a drop of something that holds data (a schema, table, column
 * or sequence) that the hints do not allow, above all one that could be a rename (an object of the
 * same kind created beside it), and other statements the planner marks destructive (narrowed types,
 * removed enum values). Each becomes one line naming the hint to add.
 */
final class Safety {

  private static final Set<ObjectKind> HOLDS_DATA =
      Set.of(ObjectKind.SCHEMA, ObjectKind.TABLE, ObjectKind.COLUMN, ObjectKind.SEQUENCE);
  private static final Set<ObjectKind> RENAMEABLE = Set.of(ObjectKind.TABLE, ObjectKind.COLUMN);

  private Safety() {}

  /**
   * @param result desired (expected) against the migrations (actual)
   * @param hintsFile how to name the hints file in the lines
   * @return why the draft stops; empty when it may go on
   */
  static List<String> check(
      DiffResult result, Hints hints, boolean allowDestructive, Path hintsFile) {
    if (allowDestructive) {
      return List.of();
    }
    Set<ObjectId> dropped = new HashSet<>();
    Set<ObjectId> created = new HashSet<>();
    for (Difference d : result.differences()) {
      if (d.change() == ChangeKind.ADDED) {
        dropped.add(d.id());
      } else if (d.change() == ChangeKind.REMOVED) {
        created.add(d.id());
      }
    }
    for (DeclaredRename r : hints.renames()) {
      if (dropped.contains(r.from()) && created.contains(r.to())) {
        dropped.remove(r.from());
        created.remove(r.to());
      }
    }
    List<String> stops = new ArrayList<>();
    for (Difference d : result.differences()) {
      ObjectId id = d.id();
      if (!dropped.contains(id) || !HOLDS_DATA.contains(id.kind()) || hints.drops().contains(id)) {
        continue;
      }
      List<ObjectId> candidates =
          RENAMEABLE.contains(id.kind())
              ? created.stream()
                  .filter(c -> c.kind() == id.kind() && parent(c).equals(parent(id)))
                  .sorted()
                  .toList()
              : List.of();
      if (!candidates.isEmpty()) {
        ObjectId to = candidates.get(0);
        stops.add(
            id
                + " would be dropped and "
                + (candidates.size() == 1
                    ? to.toString()
                    : candidates.stream().map(ObjectId::toString).toList().toString())
                + " created: if it is a rename (data kept), add \""
                + Hints.renameEntry(id, to)
                + "\" to renames in "
                + hintsFile
                + "; if not, add \""
                + Hints.dropEntry(id)
                + "\" to drops");
      } else {
        stops.add(
            id
                + " would be dropped with its data: add \""
                + Hints.dropEntry(id)
                + "\" to drops in "
                + hintsFile
                + ", or draft with --allow-destructive");
      }
    }
    return stops;
  }

  /**
   * Destructive statements of the planned script that are not drops (each drop was judged above):
   * they need {@code --allow-destructive}.
   */
  static List<String> otherDestructive(
      List<DraftScript.Block> blocks, DiffResult result, boolean allowDestructive) {
    if (allowDestructive) {
      return List.of();
    }
    Set<String> dropReasons = new HashSet<>();
    for (Difference d : result.differences()) {
      if (d.change() == ChangeKind.ADDED) {
        dropReasons.add("removes " + d.id() + ", which exists only live");
      }
    }
    List<String> stops = new ArrayList<>();
    for (DraftScript.Block b : blocks) {
      b.destructiveReason()
          .filter(reason -> !dropReasons.contains(reason))
          .ifPresent(
              reason ->
                  stops.add(
                      b.firstStatementLine()
                          + ": "
                          + reason
                          + "; draft with --allow-destructive to write it"));
    }
    return stops;
  }

  private static List<String> parent(ObjectId id) {
    return id.path().subList(0, id.path().size() - 1);
  }
}
