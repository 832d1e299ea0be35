package dev.drydock.lint.rules;

import dev.drydock.lint.observe.LockMode;
import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.ObservedStatement;
import dev.drydock.lint.observe.Relation;
import java.util.List;

/** {@code blocking-index-drop}: an existing index dropped under ACCESS EXCLUSIVE on its table. */
final class BlockingIndexDrop extends StatementRule {

  BlockingIndexDrop() {
    super(
        "blocking-index-drop",
        Severity.WARNING,
        "An existing index is dropped under ACCESS EXCLUSIVE on its table",
        "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table: quick"
            + " once granted, but it waits behind every running query on the table, and every"
            + " query queues behind it (reads included) for as long as it waits.",
        "DROP INDEX CONCURRENTLY in a migration of its own (Flyway runs it outside a"
            + " transaction), or set a short lock_timeout before the DROP.");
  }

  @Override
  void check(ObservedMigration m, ObservedStatement s, LintContext c, List<Finding> found) {
    for (Relation index : s.before().relations().values()) {
      if (!index.isIndex()
          || !existing(c, index.oid())
          || s.after().relation(index.oid()) != null
          || s.after().relation(index.table()) == null) {
        continue; // not dropped, or dropped with its table
      }
      LockMode lock = lockAfter(s, index.table());
      if (!s.locksObserved() || lock == null || !lock.blocksReads()) {
        continue;
      }
      Relation table = s.relation(index.table());
      found.add(
          finding(
              m,
              s,
              "drops index "
                  + index.qualified()
                  + " under "
                  + describe(lock)
                  + " on table "
                  + table.qualified()
                  + untilCommit(s),
              List.of(table)));
    }
  }
}
