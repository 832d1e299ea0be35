package dev.drydock.lint.rules;

import dev.drydock.lint.observe.ObservedMigration;
import java.util.List;

/**
 * One rule of {@code drydock lint}: decides from what a new migration was observed to do on the
 * throwaway (never from its text alone) what it will do to production. Rules are registered in
 * {@link Rules#ALL}; another rule set (a target database's) is a list of these.
 */
public interface LintRule {

  /** Stable id, e.g. {@code table-rewrite}: what allowances and reports name. */
  String id();

  Severity severity();

  /** One line: what the rule finds. */
  String summary();

  /** One paragraph: why it hurts production. */
  String explanation();

  /** The safe way to get the same result. */
  String safeRewrite();

  /** What this rule finds in {@code migration}. */
  List<Finding> findings(ObservedMigration migration, LintContext context);
}
