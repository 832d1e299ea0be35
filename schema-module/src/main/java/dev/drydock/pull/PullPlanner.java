package dev.drydock.pull;

import dev.drydock.diff.ChangeKind;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.diff.Drift;
import dev.drydock.diff.report.NotCompared;
import dev.drydock.diff.sql.NewSchemas;
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
 * <p>The planner's script is adapted to a Flyway migration: its header, {@code BEGIN} and {@code
 * COMMIT} are left out (Flyway runs each migration in a transaction), statements after a {@code --
 * DESTRUCTIVE:} line are commented out unless destructive statements are allowed (the planner ends
 * every statement with a blank line, and no destructive statement contains one).
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
   * @param statements how many lines of SQL would run (comments and settings not counted)
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
    DiffResult result =
        Drift.between(
            Introspector.configure().historyTable(historyTable).build(),
            live,
            migrated,
            new LinkedHashSet<>(schemas));
    if (!result.hasDrift()) {
      return new Plan("", List.of(), 0, 0, 0);
    }
    return adapt(
        SqlRenderer.render(NewSchemas.createdEmpty(result), "the migrations"),
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

  private static Plan adapt(String script, List<ObjectChanges> changes, boolean allowDestructive) {
    StringBuilder sql = new StringBuilder();
    boolean inBody = false;
    boolean commentingOut = false;
    int destructive = 0;
    int manual = 0;
    int statements = 0;
    for (String line : script.split("\n", -1)) {
      if (!inBody) {
        // the planner's header: replaced by the pulled file's own
        if (line.startsWith("SET check_function_bodies")) {
          inBody = true;
          sql.append(line).append('\n');
        }
        continue;
      }
      if (line.equals("BEGIN;") || line.equals("COMMIT;")) {
        continue;
      }
      if (line.isEmpty()) {
        commentingOut = false;
        sql.append('\n');
      } else if (line.startsWith(DESTRUCTIVE)) {
        destructive++;
        commentingOut = !allowDestructive;
        sql.append(
                line.replace(", which exists only live", ", which the live database does not have"))
            .append('\n');
      } else if (commentingOut) {
        sql.append("-- ").append(line).append('\n');
      } else {
        if (line.startsWith(MANUAL)) {
          manual++;
        } else if (!line.startsWith("--")) {
          statements++;
        }
        sql.append(line).append('\n');
      }
    }
    String body = sql.toString().strip();
    return new Plan(
        body + "\n\nRESET check_function_bodies;\n",
        List.copyOf(changes),
        destructive,
        manual,
        statements);
  }
}
