package dev.drydock.lint.rules;

import dev.drydock.lint.observe.CatalogState;
import dev.drydock.lint.observe.Column;
import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.ObservedStatement;
import dev.drydock.lint.observe.Relation;
import java.util.List;
import java.util.Set;

/**
 * {@code incompatible-change}: a change the application still running during the deployment cannot
 * live with.
 */
final class IncompatibleChange extends StatementRule {

  /** Type changes that never break a reader or writer: (from oid, to oid). */
  private static final Set<String> WIDENINGS =
      Set.of(
          "21>23",
          "21>20",
          "23>20", // smallint < integer < bigint
          "700>701", // real < double precision
          "1043>25", // varchar > text
          "1042>25", // char > text
          "1114>1184"); // timestamp > timestamptz

  IncompatibleChange() {
    super(
        "incompatible-change",
        Severity.ERROR,
        "A change the running application cannot live with",
        "While a migration is deployed, the previous version of the application still runs"
            + " against the database. Dropping or renaming a table or column it uses, narrowing a"
            + " column's type, or adding a NOT NULL column without a default (which its INSERTs"
            + " omit; on a non-empty table the ALTER itself fails) makes its queries fail until"
            + " the new version is everywhere.",
        "Expand and contract: add the new shape next to the old one, deploy an application that"
            + " uses both, migrate the data, deploy one that uses only the new, and drop the old"
            + " shape in a later migration. Give a new NOT NULL column a default.");
  }

  @Override
  void check(ObservedMigration m, ObservedStatement s, LintContext c, List<Finding> found) {
    CatalogState before = s.before();
    CatalogState after = s.after();
    for (Relation r : before.relations().values()) {
      if (r.isIndex() || r.kind() == 'S' || !existing(c, r.oid())) {
        continue;
      }
      Relation now = after.relation(r.oid());
      if (now == null) {
        found.add(finding(m, s, "drops " + r.kindName() + " " + r.qualified(), List.of(r)));
        continue;
      }
      if (!now.qualified().equals(r.qualified())) {
        found.add(
            finding(
                m,
                s,
                "renames " + r.kindName() + " " + r.qualified() + " to " + now.qualified(),
                List.of(r)));
      }
      if (r.isTable()) {
        columns(m, s, r, found);
      }
    }
  }

  private void columns(ObservedMigration m, ObservedStatement s, Relation table, List<Finding> f) {
    for (Column was : s.before().columnsOf(table.oid())) {
      Column now = s.after().columns().get(new CatalogState.ColumnKey(table.oid(), was.number()));
      String name = table.qualified() + "." + was.name();
      if (now == null) {
        f.add(finding(m, s, "drops column " + name, List.of(table)));
        continue;
      }
      if (!now.name().equals(was.name())) {
        f.add(finding(m, s, "renames column " + name + " to " + now.name(), List.of(table)));
      }
      if (narrows(was, now)) {
        f.add(
            finding(
                m,
                s,
                "changes column " + name + " from " + was.type() + " to " + now.type(),
                List.of(table)));
      }
    }
    for (Column now : s.after().columnsOf(table.oid())) {
      boolean added =
          s.before().columns().get(new CatalogState.ColumnKey(table.oid(), now.number())) == null;
      if (added && now.notNull() && !now.hasDefault() && !now.generated()) {
        f.add(
            finding(
                m,
                s,
                "adds column "
                    + table.qualified()
                    + "."
                    + now.name()
                    + " NOT NULL without a default: fails on a non-empty table, and the running"
                    + " application's INSERTs omit it",
                List.of(table)));
      }
    }
  }

  private static boolean narrows(Column was, Column now) {
    if (was.typeOid() == now.typeOid()) {
      return now.typmod() != -1 && (was.typmod() == -1 || now.typmod() < was.typmod());
    }
    return !WIDENINGS.contains(was.typeOid() + ">" + now.typeOid());
  }
}
