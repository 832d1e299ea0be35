package dev.drydock.lint.rules;

import dev.drydock.lint.observe.Constraint;
import dev.drydock.lint.observe.LockMode;
import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.ObservedStatement;
import dev.drydock.lint.observe.Relation;
import java.util.ArrayList;
import java.util.List;

/** {@code foreign-key-lock}: a validated foreign key added to an existing table. */
final class ForeignKeyLock extends StatementRule {

  ForeignKeyLock() {
    super(
        "foreign-key-lock",
        Severity.ERROR,
        "A foreign key is added to an existing table and checked at once, locking both tables",
        "ADD CONSTRAINT ... FOREIGN KEY without NOT VALID takes SHARE ROW EXCLUSIVE on the table"
            + " and on the table it references (writes to both wait), and checks every existing"
            + " row while holding them.",
        "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID (new rows are checked at once, no scan),"
            + " then in a later migration ALTER TABLE ... VALIDATE CONSTRAINT, which scans under"
            + " SHARE UPDATE EXCLUSIVE and lets writes go on.");
  }

  @Override
  void check(ObservedMigration m, ObservedStatement s, LintContext c, List<Finding> found) {
    for (Constraint k : s.after().constraints().values()) {
      Constraint was = s.before().constraints().get(k.oid());
      if (k.type() != 'f' || !k.validated() || (was != null && was.validated())) {
        continue;
      }
      if (!existing(c, k.table()) && !existing(c, k.referenced())) {
        continue;
      }
      List<Relation> tables = new ArrayList<>();
      List<String> locks = new ArrayList<>();
      for (long oid : new long[] {k.table(), k.referenced()}) {
        Relation r = s.relation(oid);
        LockMode mode = lockAfter(s, oid);
        if (r != null && existing(c, oid) && mode != null && mode.blocksWrites()) {
          tables.add(r);
          locks.add(mode.sql() + " on " + r.qualified());
        }
      }
      if (tables.isEmpty()) {
        continue;
      }
      found.add(
          finding(
              m,
              s,
              (was == null ? "adds" : "validates")
                  + " foreign key "
                  + k.name()
                  + " checking every row, under "
                  + String.join(" and ", locks)
                  + untilCommit(s),
              tables));
    }
  }
}
