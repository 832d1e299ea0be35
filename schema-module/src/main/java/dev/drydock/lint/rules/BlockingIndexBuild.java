package dev.drydock.lint.rules;

import dev.drydock.lint.observe.LockMode;
import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.ObservedStatement;
import dev.drydock.lint.observe.Relation;
import java.util.ArrayList;
import java.util.List;

/** {@code blocking-index-build}: an index built on an existing table while writes wait. */
final class BlockingIndexBuild extends StatementRule {

  BlockingIndexBuild() {
    super(
        "blocking-index-build",
        Severity.ERROR,
        "An index on an existing table is built under a lock that blocks writes",
        "CREATE INDEX without CONCURRENTLY takes SHARE on the table (writes wait for the whole"
            + " build); ADD CONSTRAINT ... UNIQUE / PRIMARY KEY builds its index under ACCESS"
            + " EXCLUSIVE (reads wait too); REINDEX without CONCURRENTLY locks the table the same"
            + " way. The build reads and sorts the whole table.",
        "CREATE INDEX CONCURRENTLY (or REINDEX ... CONCURRENTLY) in a migration of its own, which"
            + " Flyway then runs outside a transaction; for a constraint, build the unique index"
            + " concurrently first, then ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX"
            + " (or PRIMARY KEY USING INDEX), which only takes the lock briefly.");
  }

  @Override
  void check(ObservedMigration m, ObservedStatement s, LintContext c, List<Finding> found) {
    List<Relation> built = new ArrayList<>();
    for (Relation index : createdIndexes(s)) {
      if (existing(c, index.table())) {
        built.add(index);
      }
    }
    List<Relation> rewritten = rewritten(s, c);
    for (Relation index : rewritten) {
      if (index.isIndex() && rewritten.stream().noneMatch(t -> t.oid() == index.table())) {
        built.add(index);
      }
    }
    for (Relation index : built) {
      Relation table = s.relation(index.table());
      LockMode lock = lockAfter(s, index.table());
      if (table == null || !s.locksObserved() || lock == null || !lock.blocksWrites()) {
        continue;
      }
      boolean rebuilt = s.before().relation(index.oid()) != null;
      found.add(
          finding(
              m,
              s,
              (rebuilt ? "rebuilds index " : "builds index ")
                  + index.qualified()
                  + " on table "
                  + table.qualified()
                  + " under "
                  + describe(lock)
                  + untilCommit(s),
              List.of(table)));
    }
  }
}
