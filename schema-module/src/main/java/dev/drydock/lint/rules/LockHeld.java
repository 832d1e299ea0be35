package dev.drydock.lint.rules;

import dev.drydock.lint.observe.LockMode;
import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.ObservedStatement;
import dev.drydock.lint.observe.Relation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code lock-held}: later statements run while an earlier one's blocking lock is held. */
final class LockHeld extends StatementRule {

  LockHeld() {
    super(
        "lock-held",
        Severity.WARNING,
        "Statements run while a lock that blocks writes, taken earlier, is still held",
        "In a transactional migration a lock is held until commit: once a statement has locked"
            + " an existing table, every later statement of the migration runs while the"
            + " application waits, so their time adds up to the outage even when each is safe on"
            + " its own.",
        "Put the statement that takes the blocking lock in a migration of its own (or last), and"
            + " keep the work after it (backfills, index builds, other tables) in other"
            + " migrations.");
  }

  @Override
  public List<Finding> findings(ObservedMigration m, LintContext c) {
    Map<Long, ObservedStatement> takenBy = new LinkedHashMap<>();
    Map<Long, List<Integer>> laterLines = new LinkedHashMap<>();
    for (ObservedStatement s : m.statements()) {
      for (Map.Entry<Long, LockMode> held : s.locksBefore().entrySet()) {
        if (takenBy.containsKey(held.getKey()) && held.getValue().blocksWrites()) {
          laterLines.computeIfAbsent(held.getKey(), k -> new ArrayList<>()).add(s.line());
        }
      }
      for (Map.Entry<Long, LockMode> held : s.locksAfter().entrySet()) {
        Relation r = s.relation(held.getKey());
        if (s.inTransaction()
            && r != null
            && !r.isIndex()
            && existing(c, r.oid())
            && held.getValue().blocksWrites()) {
          takenBy.putIfAbsent(r.oid(), s);
        }
      }
    }
    List<Finding> found = new ArrayList<>();
    laterLines.forEach(
        (oid, lines) -> {
          ObservedStatement s = takenBy.get(oid);
          Relation r = s.relation(oid);
          LockMode mode = s.locksAfter().get(oid);
          found.add(
              finding(
                  m,
                  s,
                  mode.sql()
                      + " on "
                      + r.qualified()
                      + ", taken here, is still held while "
                      + lines.size()
                      + " later statement(s) run (line "
                      + String.join(", ", lines.stream().map(String::valueOf).toList())
                      + ")",
                  List.of(r)));
        });
    return found;
  }

  @Override
  void check(ObservedMigration m, ObservedStatement s, LintContext c, List<Finding> found) {
    throw new UnsupportedOperationException("looks at the whole migration");
  }
}
