package dev.drydock.pull;

import dev.drydock.diff.ChangeKind;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.diff.Drift;
import dev.drydock.diff.report.NotCompared;
import dev.drydock.diff.sql.NewSchemas;
import dev.drydock.diff.sql.PlannedScript;
import dev.drydock.diff.sql.SqlRenderer;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.Introspector;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only class of {@code pull} that uses the introspector and the DDL planner of {@code diff
 * --format sql}: it compares the live database (expected) with the migrations' throwaway database
 * (actual), so the planner's SQL turns the migrations' state into the live one. The rest of the
 * package sees a {@link Plan}.
 *
 * <p>The planner's statements are written as a Flyway migration: without the script's header,
 * {@code BEGIN} and {@code COMMIT} (Flyway runs each migration in a transaction); destructive
 * statements are commented out line by line unless they are allowed. The plan is taken as a list of
 * statements, never by reading the script's text back, so no name can end a comment early.
 */
final class PullPlanner {

  /** What {@code diff} does not compare, so {@code pull} cannot reproduce it. */
  static final List<String> NOT_PULLED = NotCompared.ITEMS;

  private static final String DESTRUCTIVE = "-- DESTRUCTIVE: ";
  private static final String MANUAL = "-- MANUAL: ";

  /**
   * The planned statements.
   *
   * @param sql the statements, ready for a migration file; empty when there is nothing to pull
   * @param changes per object kind, in dependency order, what the statements create, drop, alter
   * @param destructive how many statements are marked {@code -- DESTRUCTIVE:}
   * @param manual how many changes the planner can only describe ({@code -- MANUAL:})
   * @param statements how many planned statements would run (commented out, manual and settings not
   *     counted)
   */
  record Plan(
      String sql, List<ObjectChanges> changes, int destructive, int manual, int statements) {
    boolean isEmpty() {
      return changes.isEmpty();
    }

    /** Differences, but every statement for them is commented out (or manual). */
    boolean onlyCommentedOut() {
      return !isEmpty() && statements == 0;
    }
  }

  private PullPlanner() {}

  /** Which of {@code schemas} neither database has (so the caller can say so). */
  static List<String> unknownSchemas(
      Collection<String> schemas, Connection live, Connection migrated) throws SQLException {
    Set<String> known = new HashSet<>(Introspector.existing(live, schemas));
    known.addAll(Introspector.existing(migrated, schemas));
    return schemas.stream().filter(s -> !known.contains(s)).toList();
  }

  /**
   * Plans the statements that bring {@code migrated} to the state of {@code live}.
   *
   * @param schemas the schemas to pull; empty for every non-system schema
   */
  static Plan plan(
      Connection live,
      Connection migrated,
      Collection<String> schemas,
      String historyTable,
      boolean allowDestructive) {
    return plan(
        Drift.between(
            Introspector.configure().historyTable(historyTable).build(),
            live,
            migrated,
            new LinkedHashSet<>(schemas)),
        allowDestructive);
  }

  /**
   * Plans the statements for {@code result}, whose expected side is the live database and actual
   * side the migrations' schema.
   */
  static Plan plan(DiffResult result, boolean allowDestructive) {
    if (!result.hasDrift()) {
      return new Plan("", List.of(), 0, 0, 0);
    }
    return adapt(
        SqlRenderer.configure().build().plan(NewSchemas.createdEmpty(result)),
        changes(result),
        allowDestructive);
  }

  /**
   * Counts distinct objects per kind, with what they contain: missing from the migrations =
   * created, missing from the live database = dropped, else altered.
   */
  private static List<ObjectChanges> changes(DiffResult result) {
    Map<ObjectKind, Set<ObjectId>[]> byKind = new EnumMap<>(ObjectKind.class);
    for (Difference d : result.differences()) {
      @SuppressWarnings("unchecked")
      Set<ObjectId>[] sets =
          byKind.computeIfAbsent(
              d.objectKind(), k -> new Set[] {new HashSet<>(), new HashSet<>(), new HashSet<>()});
      int slot = d.change() == ChangeKind.REMOVED ? 0 : d.change() == ChangeKind.ADDED ? 1 : 2;
      sets[slot].add(d.id());
      // a created (dropped) table brings its columns, constraints, ... with it: count them too
      if (d.change() != ChangeKind.CHANGED) {
        Catalog side = d.change() == ChangeKind.REMOVED ? result.expected() : result.actual();
        for (CatalogObject child : side.descendants(d.id())) {
          byKind
              .computeIfAbsent(
                  child.kind(), k -> new Set[] {new HashSet<>(), new HashSet<>(), new HashSet<>()})[
              slot]
              .add(child.id());
        }
      }
    }
    List<ObjectChanges> out = new ArrayList<>();
    byKind.forEach(
        (kind, sets) ->
            out.add(new ObjectChanges(kind, sets[0].size(), sets[1].size(), sets[2].size())));
    return out;
  }

  private static Plan adapt(
      PlannedScript script, List<ObjectChanges> changes, boolean allowDestructive) {
    StringBuilder sql = new StringBuilder("SET check_function_bodies = false;\n");
    int destructive = 0;
    int manual = 0;
    int statements = 0;
    for (PlannedScript.Entry e : script.entries()) {
      String warning = e.destructive();
      if (warning != null) {
        destructive++;
        warning =
            warning.replace(", which exists only live", ", which the live database does not have");
      }
      if (e.manual()) {
        manual++;
      } else if (warning == null || allowDestructive) {
        statements++;
      }
      PlannedScript.write(sql, e, warning, warning != null && !allowDestructive);
    }
    return new Plan(
        sql.toString().strip() + "\n\nRESET check_function_bodies;\n",
        List.copyOf(changes),
        destructive,
        manual,
        statements);
  }
}
