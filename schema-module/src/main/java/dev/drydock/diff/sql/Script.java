package dev.drydock.diff.sql;

import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.ObjectKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The planned statements: each one once, then written in order inside one transaction. */
final class Script {

  private final Map<String, Statement> statements = new LinkedHashMap<>();
  private final RoutineOrder routines;
  private int sequence;

  /**
   * @param routines where and in which order the expected catalog's routines are created
   */
  Script(RoutineOrder routines) {
    this.routines = routines;
  }

  /** Adds a statement placed at its object's kind (routines: see {@link RoutineOrder}). */
  void add(CatalogObject o, Step step, String sql) {
    add(o, step, sql, null);
  }

  void add(CatalogObject o, Step step, String sql, String destructive) {
    add(o, step, null, sql, destructive);
  }

  private void add(CatalogObject o, Step step, String note, String sql, String destructive) {
    RoutineOrder.Place routine = routines.place(o);
    if (routine != null && step.phase() == Step.Phase.CREATE) {
      Step placed =
          step == Step.CREATE && routine.placement() != o.kind() ? Step.CREATE_ROUTINE : step;
      add(placed, routine.placement(), routine.key(), note, sql, destructive);
      return;
    }
    ObjectKind placement = placement(o);
    Step placed = step == Step.CREATE && placement != o.kind() ? Step.CREATE_DEPENDENT : step;
    add(placed, placement, o.name(), note, sql, destructive);
  }

  /** Adds a statement at an explicit place; the first of identical statements wins. */
  void add(Step step, ObjectKind placement, String key, String sql, String destructive) {
    add(step, placement, key, null, sql, destructive);
  }

  /**
   * Adds a statement after a note to the reader (plain text, written as comment lines), or only a
   * note when {@code sql} is null; the first of identical entries wins.
   */
  void add(
      Step step, ObjectKind placement, String key, String note, String sql, String destructive) {
    String text = sql == null || sql.endsWith(";") ? sql : sql + ";";
    statements.putIfAbsent(
        note + "\u0000" + text,
        new Statement(
            step, placement, key + String.format("#%06d", sequence++), note, text, destructive));
  }

  /** Whether a routine's dependencies form a cycle, so its place is only name order. */
  boolean inDependencyCycle(CatalogObject o) {
    RoutineOrder.Place routine = routines.place(o);
    return routine != null && routine.inCycle();
  }

  /** A change no statement can make safely, as a {@code -- MANUAL:} note at the end. */
  void manual(CatalogObject o, String what) {
    add(o, Step.MANUAL, "MANUAL: " + o.id() + ": " + what, null, null);
  }

  /** Where an object's statements go: indexes of materialized views come after those views. */
  static ObjectKind placement(CatalogObject o) {
    if (o.kind() == ObjectKind.INDEX
        && o.parent() != null
        && o.parent().kind() == ObjectKind.MATERIALIZED_VIEW) {
      return ObjectKind.MATERIALIZED_VIEW;
    }
    return o.kind();
  }

  /** The statements in order. */
  PlannedScript planned() {
    List<Statement> sorted = new ArrayList<>(statements.values());
    sorted.sort(Statement.ORDER);
    return new PlannedScript(sorted.stream().map(Statement::entry).toList());
  }
}
