package dev.drydock.lint.rules;

import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.ObservedStatement;
import java.util.List;

/** {@code concurrently-in-transaction}: CONCURRENTLY where it cannot work as meant. */
final class ConcurrentlyInTransaction extends StatementRule {

  ConcurrentlyInTransaction() {
    super(
        "concurrently-in-transaction",
        Severity.ERROR,
        "CONCURRENTLY in a migration that runs in a transaction, or under Flyway's lock",
        "CREATE INDEX / REINDEX / DROP INDEX ... CONCURRENTLY cannot run inside a transaction"
            + " block (PostgreSQL refused it in one on the throwaway). Flyway runs such a migration without a"
            + " transaction, so it must hold nothing else: mixed with other statements (Flyway's"
            + " mixed=true), a failure half-way leaves the migration half-applied. With Flyway's"
            + " postgresql.transactional.lock on (its default), Flyway holds an advisory lock in"
            + " an open transaction, and CONCURRENTLY waits for it forever.",
        "One CONCURRENTLY statement per migration, nothing else in it, and"
            + " postgresql.transactional.lock=false in the Flyway settings.");
  }

  @Override
  void check(ObservedMigration m, ObservedStatement s, LintContext c, List<Finding> found) {
    if (s.locksObserved() || !s.normalizedSql().matches(".*\\bCONCURRENTLY\\b.*")) {
      return; // PostgreSQL ran it inside a transaction block: it can run in one
    }
    if (c.transactionalLock()) {
      found.add(
          finding(
              m,
              s,
              "runs CONCURRENTLY while Flyway's postgresql.transactional.lock is on: it waits"
                  + " forever for Flyway's own transaction",
              List.of()));
    } else if (m.statements().size() > 1) {
      found.add(
          finding(
              m,
              s,
              "runs CONCURRENTLY in a migration with "
                  + (m.statements().size() - 1)
                  + " other statement(s) and no transaction: a failure leaves it half-applied",
              List.of()));
    }
  }
}
