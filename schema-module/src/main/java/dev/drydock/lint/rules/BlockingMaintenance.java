package dev.drydock.lint.rules;

import dev.drydock.lint.observe.LockMode;
import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.ObservedStatement;
import dev.drydock.lint.observe.Relation;
import java.util.List;

/** {@code blocking-maintenance}: REFRESH MATERIALIZED VIEW, VACUUM FULL, CLUSTER. */
final class BlockingMaintenance extends StatementRule {

  BlockingMaintenance() {
    super(
        "blocking-maintenance",
        Severity.ERROR,
        "REFRESH MATERIALIZED VIEW without CONCURRENTLY, VACUUM FULL or CLUSTER on existing data",
        "These rewrite the whole relation under ACCESS EXCLUSIVE: REFRESH MATERIALIZED VIEW"
            + " makes every read of the view wait while its query runs; VACUUM FULL and CLUSTER"
            + " copy the table and rebuild its indexes while nothing can read or write it.",
        "REFRESH MATERIALIZED VIEW CONCURRENTLY (needs a unique index on the view); instead of"
            + " VACUUM FULL or CLUSTER, an online tool such as pg_repack or pg_squeeze, run"
            + " outside the migrations.");
  }

  @Override
  void check(ObservedMigration m, ObservedStatement s, LintContext c, List<Finding> found) {
    if (!startsWith(s, "REFRESH ", "VACUUM", "CLUSTER")) {
      return;
    }
    for (Relation r : rewritten(s, c)) {
      if (r.isIndex()) {
        continue;
      }
      LockMode lock = lockAfter(s, r.oid());
      found.add(
          finding(
              m,
              s,
              "rewrites "
                  + r.kindName()
                  + " "
                  + r.qualified()
                  + " under "
                  + (s.locksObserved() ? describe(lock) : describe(LockMode.ACCESS_EXCLUSIVE))
                  + untilCommit(s),
              List.of(r)));
    }
  }
}
