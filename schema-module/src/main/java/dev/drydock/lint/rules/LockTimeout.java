package dev.drydock.lint.rules;

import dev.drydock.lint.observe.LockMode;
import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.ObservedStatement;
import dev.drydock.lint.observe.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code lock-timeout}: a blocking lock on an existing relation requested with no time limit. */
final class LockTimeout extends StatementRule {

  LockTimeout() {
    super(
        "lock-timeout",
        Severity.WARNING,
        "A lock that blocks writes is requested on an existing relation without lock_timeout",
        "A statement that needs a lock conflicting with the application's (SHARE or stronger)"
            + " waits behind every running transaction on the relation; while it waits, every new"
            + " query on the relation queues behind it. With lock_timeout 0 (the default) a single"
            + " long report or idle-in-transaction session turns a millisecond ALTER into an"
            + " outage. A statement_timeout in effect bounds the wait as well (it counts the time"
            + " spent waiting for locks), so a statement run under one is not reported.",
        "Start the migration with SET lock_timeout = '5s' (or SET LOCAL in a transactional"
            + " migration), so that it fails fast instead of stalling the application, and retry"
            + " the deployment.");
  }

  @Override
  void check(ObservedMigration m, ObservedStatement s, LintContext c, List<Finding> found) {
    if (s.lockTimeoutMillis() > 0
        || s.statementTimeoutMillis() > 0
        || c.defaultLockTimeoutMillis() > 0) {
      return; // the wait is bounded: by lock_timeout, or by statement_timeout, which counts it
    }
    List<Relation> locked = new ArrayList<>();
    LockMode strongest = null;
    for (Map.Entry<Long, LockMode> held : s.locksAfter().entrySet()) {
      LockMode before = s.locksBefore().get(held.getKey());
      LockMode mode = held.getValue();
      Relation r = s.relation(held.getKey());
      if (r == null
          || r.isIndex()
          || !existing(c, r.oid())
          || !mode.blocksWrites()
          || (before != null && before.compareTo(mode) >= 0)) {
        continue;
      }
      locked.add(r);
      strongest = strongest == null || mode.compareTo(strongest) > 0 ? mode : strongest;
    }
    if (!locked.isEmpty()) {
      found.add(
          finding(
              m,
              s,
              "requests "
                  + strongest.sql()
                  + " on "
                  + String.join(", ", locked.stream().map(Relation::qualified).toList())
                  + " with no lock_timeout: while it waits, every query on "
                  + (locked.size() == 1 ? "it" : "them")
                  + " waits behind it",
              locked));
    }
  }
}
