package dev.drydock.lint.rules;

import dev.drydock.lint.observe.LockMode;
import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.ObservedStatement;
import dev.drydock.lint.observe.Relation;
import java.util.List;

/** {@code table-rewrite}: an existing table rewritten while writes (or reads) wait. */
final class TableRewrite extends StatementRule {

  TableRewrite() {
    super(
        "table-rewrite",
        Severity.ERROR,
        "An existing table is rewritten under a lock that blocks writes",
        "The statement copies every row of an existing table into a new file (its relfilenode"
            + " changed on the throwaway), and rebuilds all its indexes, while holding a lock that"
            + " makes every write (ACCESS EXCLUSIVE: every read too) wait until the migration"
            + " commits. On a large table that is minutes of outage. Typical causes: ALTER COLUMN"
            + " ... TYPE to a type that is not binary-compatible (int to bigint, varchar(n) to a"
            + " shorter one), ADD COLUMN with a volatile default (clock_timestamp(), random(),"
            + " gen_random_uuid()), SET LOGGED/UNLOGGED, ALTER TABLE ... SET TABLESPACE.",
        "Add a new column (nullable, or with a constant default), backfill it in batches,"
            + " switch the application over, then drop the old column; for a volatile default, add"
            + " the column without it, set the default, and backfill existing rows in batches.");
  }

  @Override
  void check(ObservedMigration m, ObservedStatement s, LintContext c, List<Finding> found) {
    if (startsWith(s, "REFRESH ", "VACUUM", "CLUSTER", "TRUNCATE")) {
      return; // blocking-maintenance, or no data kept at all
    }
    for (Relation r : rewritten(s, c)) {
      if (r.isIndex() || r.kind() == 'S') {
        continue;
      }
      LockMode lock = lockAfter(s, r.oid());
      if (s.locksObserved() && (lock == null || !lock.blocksWrites())) {
        continue;
      }
      found.add(
          finding(
              m,
              s,
              "rewrites "
                  + r.kindName()
                  + " "
                  + r.qualified()
                  + " (and its indexes) under "
                  + describe(lock)
                  + untilCommit(s),
              List.of(r)));
    }
  }
}
