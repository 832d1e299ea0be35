package dev.drydock.diff.sql;

import dev.drydock.introspect.ObjectKind;
import java.util.Comparator;

/**
 * One statement of the script with its place in it.
 *
 * @param step the step within the kind
 * @param placement the kind whose turn it runs in
 * @param key orders statements of one step: the object's name, then the order of planning
 * @param sql the statement, ending with {@code ;} (or a {@code --} comment)
 * @param destructive why it may lose something, or null
 */
record Statement(Step step, ObjectKind placement, String key, String sql, String destructive) {

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
}
