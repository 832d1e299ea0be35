package dev.drydock.diff.sql;

import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.ConstraintType;
import dev.drydock.introspect.Detail;
import dev.drydock.introspect.ObjectKind;

/** {@code DROP} statements, and keeping the sequences the migrations need alive through them. */
final class Drops {

  private final Catalog expected;
  private final Catalog actual;
  private final Script script;

  Drops(Catalog expected, Catalog actual, Script script) {
    this.expected = expected;
    this.actual = actual;
    this.script = script;
  }

  /**
   * Drops a live object.
   *
   * @param destructive why the drop loses something, or null when the object is recreated
   */
  void drop(CatalogObject o, String destructive) {
    if (o.kind() == ObjectKind.TABLE || o.kind() == ObjectKind.COLUMN) {
      detachOwnedSequences(o);
    }
    Step step =
        o.kind() == ObjectKind.CONSTRAINT && o.constraintType() == ConstraintType.FOREIGN_KEY
            ? Step.DROP_FOREIGN_KEY
            : Step.DROP;
    script.add(o, step, sql(o), destructive);
  }

  private static String sql(CatalogObject o) {
    String q = o.detailOrNull(Detail.QNAME);
    return switch (o.kind()) {
      case SCHEMA -> "DROP SCHEMA IF EXISTS " + q + " CASCADE";
      case EXTENSION -> "DROP EXTENSION IF EXISTS " + q;
      case ENUM -> "DROP TYPE IF EXISTS " + q;
      case DOMAIN -> "DROP DOMAIN IF EXISTS " + q;
      case FUNCTION -> "DROP FUNCTION IF EXISTS " + q;
      case PROCEDURE -> "DROP PROCEDURE IF EXISTS " + q;
      case SEQUENCE -> "DROP SEQUENCE IF EXISTS " + q;
      case TABLE -> "DROP TABLE IF EXISTS " + q;
      case COLUMN -> "ALTER TABLE " + o.detail(Detail.TABLE) + " DROP COLUMN IF EXISTS " + q;
      case CONSTRAINT ->
          "ALTER TABLE " + o.detail(Detail.TABLE) + " DROP CONSTRAINT IF EXISTS " + q;
      case INDEX -> "DROP INDEX IF EXISTS " + q;
      case VIEW -> "DROP VIEW IF EXISTS " + q;
      case MATERIALIZED_VIEW -> "DROP MATERIALIZED VIEW IF EXISTS " + q;
      case TRIGGER -> "DROP TRIGGER IF EXISTS " + q + " ON " + o.detail(Detail.TABLE);
      case POLICY -> "DROP POLICY IF EXISTS " + q + " ON " + o.detail(Detail.TABLE);
    };
  }

  /**
   * A serial sequence goes with the table or column that owns it. When the migrations keep the
   * sequence (a renamed table or column: the recreated one's default still uses it), it is detached
   * first; the {@code owned_by} difference attaches it to its new owner afterwards.
   */
  private void detachOwnedSequences(CatalogObject owner) {
    String prefix =
        owner.kind() == ObjectKind.TABLE
            ? owner.detail(Detail.QNAME) + "."
            : owner.detail(Detail.TABLE) + "." + owner.detail(Detail.QNAME);
    for (CatalogObject s : actual.objectsInAnyOrder()) {
      String ownedBy = s.kind() == ObjectKind.SEQUENCE ? s.attribute(Attribute.OWNED_BY) : null;
      if (ownedBy != null
          && expected.contains(s.id())
          && (owner.kind() == ObjectKind.TABLE
              ? ownedBy.startsWith(prefix)
              : ownedBy.equals(prefix))) {
        script.add(
            Step.DETACH_OWNED_SEQUENCE,
            owner.kind(),
            s.name(),
            "ALTER SEQUENCE " + s.detail(Detail.QNAME) + " OWNED BY NONE",
            null);
      }
    }
  }
}
