package dev.drydock.diff.sql;

import dev.drydock.diff.Difference;
import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.Detail;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Objects on both sides that differ: altered in place where PostgreSQL can, else recreated. */
final class Alterations {

  private final Script script;
  private final Drops drops;
  private final Creations creations;
  private final Grants grants;
  private final ColumnAlterations columns;
  private final TypeAlterations types;

  Alterations(
      Script script,
      Drops drops,
      Creations creations,
      Grants grants,
      ColumnAlterations columns,
      TypeAlterations types) {
    this.script = script;
    this.drops = drops;
    this.creations = creations;
    this.grants = grants;
    this.columns = columns;
    this.types = types;
  }

  void alter(CatalogObject e, CatalogObject a, List<Difference> diffs) {
    Set<Attribute> attrs = EnumSet.noneOf(Attribute.class);
    diffs.forEach(d -> attrs.add(d.attribute()));
    if (needsRecreate(e, attrs)) {
      drops.drop(a, null);
      creations.createTree(e);
      return;
    }
    String q = e.detailOrNull(Detail.QNAME);
    boolean replacedFunction = false;
    for (Difference d : diffs) {
      Attribute attr = d.attribute();
      String want = d.expected();
      String have = d.actual();
      if (attr == Attribute.COMMENT) {
        grants.comment(e, want);
        continue;
      }
      if (attr == Attribute.PRIVILEGES) {
        grants.privileges(e, want, have);
        continue;
      }
      switch (e.kind()) {
        case SCHEMA -> script.manual(e, attr + " differs");
        case EXTENSION ->
            script.add(
                e, Step.ALTER, "ALTER EXTENSION " + q + " SET SCHEMA " + e.detail(Detail.QSCHEMA));
        case ENUM -> types.alterEnum(e, a);
        case DOMAIN -> types.alterDomain(e, attr, want, have);
        case FUNCTION, PROCEDURE -> {
          if (!replacedFunction) {
            script.add(e, Step.CREATE, e.detail(Detail.DDL).strip());
            replacedFunction = true;
          }
        }
        case SEQUENCE -> {
          if (attr == Attribute.OWNED_BY) {
            creations.ownedBy(e, want);
          } else {
            script.add(e, Step.ALTER, "ALTER SEQUENCE " + q + Creations.sequenceOptions(e));
          }
        }
        case TABLE -> alterTable(e, a, attr, want, have);
        case COLUMN -> columns.alter(e, attr, want, have);
        case CONSTRAINT -> // only "validated" gets here
            script.add(
                e,
                Step.VALIDATE,
                "ALTER TABLE "
                    + e.detail(Detail.TABLE)
                    + " VALIDATE CONSTRAINT "
                    + e.detail(Detail.QNAME));
        case VIEW -> alterOptions("VIEW", e, a);
        case MATERIALIZED_VIEW -> alterOptions("MATERIALIZED VIEW", e, a);
        case TRIGGER -> script.add(e, Step.ALTER, Creations.triggerEnable(e));
        case INDEX, POLICY -> script.manual(e, attr + " differs");
      }
    }
  }

  private static boolean needsRecreate(CatalogObject e, Set<Attribute> attrs) {
    return switch (e.kind()) {
      case INDEX, POLICY -> attrs.stream().anyMatch(a -> a != Attribute.COMMENT);
      case VIEW, MATERIALIZED_VIEW, TRIGGER -> attrs.contains(Attribute.DEFINITION);
      case CONSTRAINT ->
          attrs.stream()
              .anyMatch(
                  a ->
                      a != Attribute.COMMENT
                          && !(a == Attribute.VALIDATED && e.flag(Attribute.VALIDATED)));
      case FUNCTION, PROCEDURE -> attrs.contains(Attribute.RETURNS);
      default -> false;
    };
  }

  private void alterTable(
      CatalogObject e, CatalogObject a, Attribute attr, String want, String have) {
    String q = e.detail(Detail.QNAME);
    switch (attr) {
      case ROW_SECURITY ->
          script.add(
              e,
              Step.TABLE_SETTINGS,
              "ALTER TABLE "
                  + q
                  + ("true".equals(want) ? " ENABLE" : " DISABLE")
                  + " ROW LEVEL SECURITY");
      case FORCE_ROW_SECURITY ->
          script.add(
              e,
              Step.TABLE_SETTINGS,
              "ALTER TABLE "
                  + q
                  + ("true".equals(want) ? " FORCE" : " NO FORCE")
                  + " ROW LEVEL SECURITY");
      case PERSISTENCE -> script.add(e, Step.TABLE_SETTINGS, "ALTER TABLE " + q + " SET " + want);
      case OPTIONS -> alterOptions("TABLE", e, a);
      case PARTITION_OF, PARTITION_BOUND -> {
        if (a.attribute(Attribute.PARTITION_OF) != null) {
          script.add(
              e,
              Step.DETACH_PARTITION,
              "ALTER TABLE " + a.attribute(Attribute.PARTITION_OF) + " DETACH PARTITION " + q);
        }
        if (e.attribute(Attribute.PARTITION_OF) != null) {
          script.add(
              e,
              Step.ATTACH_PARTITION,
              "ALTER TABLE "
                  + e.attribute(Attribute.PARTITION_OF)
                  + " ATTACH PARTITION "
                  + q
                  + " "
                  + e.attribute(Attribute.PARTITION_BOUND));
        }
      }
      default ->
          script.manual(
              e,
              attr
                  + " differs (expected "
                  + Difference.show(want)
                  + ", actual "
                  + Difference.show(have)
                  + "); the table must be rebuilt");
    }
  }

  private void alterOptions(String what, CatalogObject e, CatalogObject a) {
    String q = e.detail(Detail.QNAME);
    if (a.attribute(Attribute.OPTIONS) != null) {
      List<String> keys = new ArrayList<>();
      for (String opt : a.attribute(Attribute.OPTIONS).split(", ")) {
        keys.add(opt.substring(0, opt.indexOf('=')));
      }
      script.add(
          e,
          Step.TABLE_SETTINGS,
          "ALTER " + what + " " + q + " RESET (" + String.join(", ", keys) + ")");
    }
    if (e.attribute(Attribute.OPTIONS) != null) {
      script.add(
          e,
          Step.SET_OPTIONS,
          "ALTER " + what + " " + q + " SET (" + e.attribute(Attribute.OPTIONS) + ")");
    }
  }
}
