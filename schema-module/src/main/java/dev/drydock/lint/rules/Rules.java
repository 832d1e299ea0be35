package dev.drydock.lint.rules;

import dev.drydock.lint.observe.ObservedMigration;
import java.util.List;
import java.util.Optional;

/** The rules {@code drydock lint} runs, in the order reports list them. */
public final class Rules {

  /** Reported by the allowances, not by looking at a migration. */
  public static final LintRule ALLOW_WITHOUT_REASON =
      new Bookkeeping(
          "allow-without-reason",
          Severity.ERROR,
          "An allowance gives no reason",
          "Every '-- drydock:allow <rule> <reason>' comment and every line of the allowance file"
              + " must say why the finding is acceptable, so that a reviewer can judge it.",
          "Write the reason after the rule id, e.g. '-- drydock:allow table-rewrite the table"
              + " has 200 rows'.");

  /** Reported by the allowances, not by looking at a migration. */
  public static final LintRule UNUSED_ALLOWANCE =
      new Bookkeeping(
          "unused-allowance",
          Severity.WARNING,
          "An allowance matches no finding",
          "An allowance that allows nothing is stale (the statement changed) or misspelt.",
          "Remove it, or correct the rule id.");

  /** Every rule, the engine's and the bookkeeping ones. */
  public static final List<LintRule> ALL =
      List.of(
          new TableRewrite(),
          new ScanUnderLock(),
          new BlockingIndexBuild(),
          new BlockingIndexDrop(),
          new ForeignKeyLock(),
          new LockTimeout(),
          new LockHeld(),
          new IncompatibleChange(),
          new ConcurrentlyInTransaction(),
          new BlockingMaintenance(),
          ALLOW_WITHOUT_REASON,
          UNUSED_ALLOWANCE);

  private Rules() {}

  /** The rule with {@code id} among {@code rules}. */
  public static Optional<LintRule> find(List<LintRule> rules, String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** A rule whose findings come from elsewhere (the allowances); it finds nothing itself. */
  private record Bookkeeping(
      String id, Severity severity, String summary, String explanation, String safeRewrite)
      implements LintRule {
    @Override
    public List<Finding> findings(ObservedMigration migration, LintContext context) {
      return List.of();
    }
  }
}
