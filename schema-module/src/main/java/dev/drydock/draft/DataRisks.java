package dev.drydock.draft;

import dev.drydock.diff.ChangeKind;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.diff.sql.SqlRenderer;
import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.Detail;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a draft that check the rows a table already has: the proof cannot clear them, since
 * it applies the draft to the migrations' schema with no rows, so each is a warning (not a stop)
 * naming the step and what existing data makes it fail in production: {@code SET NOT NULL} over
 * NULLs, a {@code NOT NULL} column added with no default to a table with rows, a new unique key or
 * unique index over duplicates, a check or foreign key validated against rows that break it, and a
 * type narrowed (as the planner judges it) where a value does not convert.
 */
final class DataRisks {

  private DataRisks() {}

  /**
   * @param result desired (expected) against the migrations (actual)
   * @return one line per risky step, in the differences' order
   */
  static List<String> of(DiffResult result) {
    Catalog desired = result.expected();
    Catalog migrated = result.actual();
    List<String> warnings = new ArrayList<>();
    for (Difference d : result.differences()) {
      if (d.change() == ChangeKind.REMOVED) {
        // only in the desired state: the draft creates it
        CatalogObject o = desired.get(d.id());
        if (o != null && existingTable(o, migrated)) {
          created(o, desired).ifPresent(warnings::add);
        }
      } else if (d.change() == ChangeKind.CHANGED
          && d.id().kind() == ObjectKind.COLUMN
          && migrated.get(d.id()) != null
          && existingTable(migrated.get(d.id()), migrated)) {
        if (d.attribute() == Attribute.NOT_NULL && "true".equals(d.expected())) {
          warnings.add(
              d.id()
                  + ": SET NOT NULL fails if existing rows hold NULL there; update them first"
                  + " (the proof runs on no rows)");
        } else if (d.attribute() == Attribute.TYPE
            && !SqlRenderer.widens(d.actual(), d.expected())) {
          warnings.add(
              d.id()
                  + ": the narrowing type change from "
                  + d.actual()
                  + " to "
                  + d.expected()
                  + " fails if an existing value does not convert (the proof runs on no rows)");
        }
      }
    }
    return warnings;
  }

  private static java.util.Optional<String> created(CatalogObject o, Catalog desired) {
    String risk =
        switch (o.kind()) {
          case COLUMN ->
              o.flag(Attribute.NOT_NULL)
                      && blank(o.attribute(Attribute.DEFAULT))
                      && blank(o.attribute(Attribute.IDENTITY))
                      && blank(o.attribute(Attribute.GENERATED))
                  ? "added NOT NULL with no default: fails if the table has rows"
                  : null;
          case CONSTRAINT ->
              switch (o.constraintType()) {
                case PRIMARY_KEY ->
                    "new primary key: fails if existing rows hold duplicates or NULLs there";
                case UNIQUE -> "new unique key: fails if existing rows hold duplicates there";
                case EXCLUSION -> "new exclusion constraint: fails if existing rows conflict";
                case CHECK ->
                    !o.detail(Detail.DDL).endsWith("NOT VALID")
                        ? "new check, validated: fails if an existing row breaks it"
                        : null;
                case FOREIGN_KEY ->
                    o.flag(Attribute.VALIDATED)
                        ? "new foreign key, validated: fails if an existing row references"
                            + " nothing"
                        : null;
              };
          case INDEX ->
              o.flag(Attribute.UNIQUE)
                      && desired.get(new ObjectId(ObjectKind.CONSTRAINT, o.id().path())) == null
                  ? "new unique index: fails if existing rows hold duplicates there"
                  : null;
          default -> null;
        };
    return java.util.Optional.ofNullable(risk)
        .map(r -> o.id() + ": " + r + " (the proof runs on no rows)");
  }

  /** Whether {@code o} belongs to a table the migrations already have. */
  private static boolean existingTable(CatalogObject o, Catalog migrated) {
    if (o.parent() == null) {
      return false;
    }
    CatalogObject table = migrated.get(o.parent());
    return table != null && table.kind() == ObjectKind.TABLE;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
