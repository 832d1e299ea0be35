package dev.drydock.diff.sql;

import dev.drydock.introspect.ObjectKind;
import java.util.Comparator;

/**
 * One statement of the script with its place in it.
 *
 * @param step the step within the kind
 * @param placement the kind whose turn it runs in
 * @param key orders statements of one step: the object's name, then the order of planning
 * @param note what to tell the reader before it (written as comment lines), or null
 * @param sql the statement(s), each ending with {@code ;}; null for a note alone ({@code MANUAL})
 * @param destructive why it may lose something, or null
 */
record Statement(
    Step step, ObjectKind placement, String key, String note, String sql, String destructive) {

  /** Drops first (kinds in reverse), then creations (kinds in order); then step, then key. */
  static final Comparator<Statement> ORDER =
      Comparator.comparing((Statement s) -> s.step().phase())
          .thenComparingInt(
              s ->
                  s.step().phase() == Step.Phase.DROP
                      ? -s.placement().ordinal()
                      : s.placement().ordinal())
          .thenComparing(Statement::step)
          .thenComparing(Statement::key);

  PlannedScript.Entry entry() {
    return new PlannedScript.Entry(note, sql, destructive);
  }
}
