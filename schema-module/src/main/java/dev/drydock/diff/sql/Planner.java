package dev.drydock.diff.sql;

import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.introspect.ObjectId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns each difference into statements: drop what is only live, create what is missing, alter. */
final class Planner {

  private final DiffResult result;
  private final boolean renames;
  private final List<DeclaredRename> declared;
  private final Script script;
  private final Drops drops;
  private final Creations creations;
  private final Alterations alterations;

  /**
   * @param renames whether objects that differ only by name are renamed rather than dropped and
   *     created
   */
  Planner(DiffResult result, boolean renames) {
    this(result, renames, null);
  }

  /**
   * @param declared when not null, the only renames made (no detection)
   */
  Planner(DiffResult result, boolean renames, List<DeclaredRename> declared) {
    this.result = result;
    this.renames = renames;
    this.declared = declared;
    this.script = new Script(new RoutineOrder(result.expected()));
    Grants grants = new Grants(script);
    this.drops = new Drops(result.expected(), result.actual(), script);
    this.creations = new Creations(result.expected(), script, grants);
    this.alterations =
        new Alterations(
            script,
            drops,
            creations,
            grants,
            new ColumnAlterations(script),
            new TypeAlterations(result.expected(), result.actual(), script, renames));
  }

  Script plan() {
    Map<ObjectId, List<Difference>> changed = new TreeMap<>();
    Set<ObjectId> renamed = new HashSet<>();
    if (renames || declared != null) {
      List<Renames.Rename> found =
          declared != null ? Renames.declared(result, declared) : Renames.detect(result);
      for (Renames.Rename r : found) {
        script.add(
            Step.RENAME,
            r.from().kind(),
            r.from().name(),
            "RENAME: " + Renames.note(r),
            Renames.sql(r, result.actual().quoting()),
            null);
        renamed.add(r.from().id());
        renamed.add(r.to().id());
      }
    }
    for (Difference d : result.differences()) {
      if (renamed.contains(d.id())) {
        continue;
      }
      switch (d.change()) {
        case ADDED ->
            drops.drop(
                result.actual().get(d.id()), "removes " + d.id() + ", which exists only live");
        case REMOVED -> creations.createTree(result.expected().get(d.id()));
        case CHANGED -> changed.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(d);
      }
    }
    changed.forEach(
        (id, list) -> alterations.alter(result.expected().get(id), result.actual().get(id), list));
    return script;
  }
}
