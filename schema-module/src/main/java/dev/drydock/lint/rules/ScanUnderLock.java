package dev.drydock.lint.rules;

import dev.drydock.lint.observe.CatalogState;
import dev.drydock.lint.observe.Column;
import dev.drydock.lint.observe.Constraint;
import dev.drydock.lint.observe.LockMode;
import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.ObservedStatement;
import dev.drydock.lint.observe.Relation;
import java.util.List;
import java.util.Map;

/** {@code scan-under-lock}: every row of an existing table read while writes wait. */
final class ScanUnderLock extends StatementRule {

  ScanUnderLock() {
    super(
        "scan-under-lock",
        Severity.ERROR,
        "An existing table is scanned in full under a lock that blocks writes",
        "The statement reads every row of an existing table (a sequential scan was counted in"
            + " pg_stat_xact_user_tables on the throwaway) without rewriting it, to check that the"
            + " rows satisfy something new, while holding a lock that makes writes wait: ALTER"
            + " COLUMN ... SET NOT NULL and ADD CONSTRAINT ... CHECK (...) take ACCESS EXCLUSIVE"
            + " for the whole scan. On a large table the scan takes as long as reading it.",
        "Add the constraint NOT VALID (no scan), then in a later migration VALIDATE CONSTRAINT"
            + " (which scans under SHARE UPDATE EXCLUSIVE: writes go on). For SET NOT NULL: add"
            + " CHECK (col IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL (PostgreSQL 12+"
            + " uses the valid check instead of scanning) and drop the check; where the server"
            + " accepts ADD CONSTRAINT ... NOT NULL col NOT VALID (PostgreSQL 18, observed on the"
            + " throwaway), add that, then VALIDATE CONSTRAINT it in a later migration.");
  }

  @Override
  void check(ObservedMigration m, ObservedStatement s, LintContext c, List<Finding> found) {
    if (startsWith(s, "REFRESH ", "VACUUM", "CLUSTER")) {
      return;
    }
    List<Relation> rewritten = rewritten(s, c);
    List<Relation> indexed = createdIndexes(s);
    boolean validatedForeignKey =
        s.after().constraints().values().stream()
            .anyMatch(
                k ->
                    k.type() == 'f'
                        && k.validated()
                        && !validatedBefore(s.before().constraints(), k));
    for (Map.Entry<Long, Long> scan : s.sequentialScans().entrySet()) {
      long oid = scan.getKey();
      Relation r = s.relation(oid);
      if (r == null || !existing(c, oid) || validatedForeignKey) {
        continue;
      }
      if (rewritten.stream().anyMatch(x -> x.oid() == oid || x.table() == oid)
          || indexed.stream().anyMatch(i -> i.table() == oid)) {
        continue; // a rewrite or an index build: reported by their own rules
      }
      LockMode lock = lockAfter(s, oid);
      if (lock == null || !lock.blocksWrites()) {
        continue;
      }
      found.add(
          finding(
              m,
              s,
              "scans every row of table "
                  + r.qualified()
                  + " under "
                  + describe(lock)
                  + untilCommit(s)
                  + notNullRewrite(s, c, oid),
              List.of(r)));
    }
  }

  /**
   * For a column made NOT NULL (observed: {@code attnotnull} turned on for an existing column), the
   * safe form this server takes: a NOT NULL constraint NOT VALID where it accepted one, else the
   * helper CHECK.
   */
  private static String notNullRewrite(ObservedStatement s, LintContext c, long table) {
    List<String> columns =
        s.after().columnsOf(table).stream()
            .filter(Column::notNull)
            .filter(
                col -> {
                  Column was =
                      s.before().columns().get(new CatalogState.ColumnKey(table, col.number()));
                  return was != null && !was.notNull();
                })
            .map(Column::name)
            .toList();
    if (columns.isEmpty()) {
      return "";
    }
    String col = columns.get(0);
    return c.observation().notValidNotNull()
        ? "; on this server: ADD CONSTRAINT ... NOT NULL "
            + col
            + " NOT VALID, then VALIDATE CONSTRAINT in a later migration"
        : "; on this server: ADD CONSTRAINT ... CHECK ("
            + col
            + " IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL";
  }

  private static boolean validatedBefore(Map<Long, Constraint> before, Constraint k) {
    Constraint was = before.get(k.oid());
    return was != null && was.validated();
  }
}
