package dev.drydock.diff.sql;

import dev.drydock.diff.Summaries;
import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.Detail;
import dev.drydock.introspect.ObjectKind;
import java.util.Comparator;
import java.util.List;

/** {@code CREATE} statements for objects missing from the live database. */
final class Creations {

  private final Catalog expected;
  private final Script script;
  private final Grants grants;

  Creations(Catalog expected, Script script, Grants grants) {
    this.expected = expected;
    this.script = script;
    this.grants = grants;
  }

  /** Creates an object missing from the live database, with everything that belongs to it. */
  void createTree(CatalogObject o) {
    create(o);
    for (CatalogObject child : expected.descendants(o.id())) {
      if (child.kind() == ObjectKind.COLUMN
          && (o.kind() == ObjectKind.TABLE
              || (child.parent() != null
                  && expected.get(child.parent()).kind() == ObjectKind.TABLE))) {
        // part of CREATE TABLE (of this table, or of a table of the schema created here); only
        // its comment is separate
        if (child.attribute(Attribute.COMMENT) != null) {
          grants.comment(child, child.attribute(Attribute.COMMENT));
        }
      } else if (child.kind() == ObjectKind.COLUMN) {
        createTree(child);
      } else {
        create(child);
      }
    }
  }

  private void create(CatalogObject o) {
    String q = o.detailOrNull(Detail.QNAME);
    switch (o.kind()) {
      case SCHEMA -> script.add(o, Step.CREATE, "CREATE SCHEMA " + q);
      case EXTENSION ->
          script.add(
              o,
              Step.CREATE,
              "CREATE EXTENSION IF NOT EXISTS " + q + " WITH SCHEMA " + o.detail(Detail.QSCHEMA));
      case ENUM ->
          script.add(
              o,
              Step.CREATE,
              "CREATE TYPE " + q + " AS ENUM (" + o.attribute(Attribute.VALUES) + ")");
      case DOMAIN -> script.add(o, Step.CREATE, TypeAlterations.createDomain(o));
      case FUNCTION, PROCEDURE -> {
        script.add(o, Step.CREATE, o.detail(Detail.DDL).strip());
        if (script.inDependencyCycle(o)) {
          script.manual(
              o,
              "its dependencies form a cycle; created in name order, which may fail: create a"
                  + " stub first, then replace it");
        }
      }
      case SEQUENCE -> {
        script.add(o, Step.CREATE, "CREATE SEQUENCE " + q + sequenceOptions(o));
        if (o.attribute(Attribute.OWNED_BY) != null) {
          ownedBy(o, o.attribute(Attribute.OWNED_BY));
        }
      }
      case TABLE -> createTable(o);
      case COLUMN ->
          script.add(
              o,
              Step.CREATE,
              "ALTER TABLE "
                  + o.detail(Detail.TABLE)
                  + " ADD COLUMN "
                  + q
                  + " "
                  + Summaries.column(o));
      case CONSTRAINT ->
          script.add(
              o,
              switch (o.constraintType()) {
                case FOREIGN_KEY -> Step.CREATE_FOREIGN_KEY;
                case CHECK -> Step.CREATE_CHECK;
                default -> Step.CREATE;
              },
              "ALTER TABLE "
                  + o.detail(Detail.TABLE)
                  + " ADD CONSTRAINT "
                  + q
                  + " "
                  + o.detail(Detail.DDL));
      case INDEX -> script.add(o, Step.CREATE, o.detail(Detail.DDL));
      case VIEW -> script.add(o, Step.CREATE, createView("VIEW", o));
      case MATERIALIZED_VIEW -> script.add(o, Step.CREATE, createView("MATERIALIZED VIEW", o));
      case TRIGGER -> {
        script.add(o, Step.CREATE, o.detail(Detail.DDL));
        if (!"ORIGIN".equals(o.attribute(Attribute.ENABLED))) {
          script.add(o, Step.POST, triggerEnable(o));
        }
      }
      case POLICY -> script.add(o, Step.CREATE, createPolicy(o));
    }
    if (o.attribute(Attribute.COMMENT) != null) {
      grants.comment(o, o.attribute(Attribute.COMMENT));
    }
    if (o.attribute(Attribute.PRIVILEGES) != null) {
      grants.privileges(o, o.attribute(Attribute.PRIVILEGES), null);
    }
    if (o.kind() == ObjectKind.TABLE) {
      if (o.flag(Attribute.ROW_SECURITY)) {
        script.add(o, Step.POST, "ALTER TABLE " + q + " ENABLE ROW LEVEL SECURITY");
      }
      if (o.flag(Attribute.FORCE_ROW_SECURITY)) {
        script.add(o, Step.POST, "ALTER TABLE " + q + " FORCE ROW LEVEL SECURITY");
      }
    }
  }

  /** {@code ALTER SEQUENCE ... OWNED BY}, once the owning table and its columns exist. */
  void ownedBy(CatalogObject sequence, String owner) {
    script.add(
        Step.OWNED_BY,
        ObjectKind.CONSTRAINT,
        sequence.name(),
        "ALTER SEQUENCE "
            + sequence.detail(Detail.QNAME)
            + " OWNED BY "
            + (owner == null ? "NONE" : owner),
        null);
  }

  private void createTable(CatalogObject t) {
    StringBuilder sb = new StringBuilder("CREATE ");
    if ("UNLOGGED".equals(t.attribute(Attribute.PERSISTENCE))) {
      sb.append("UNLOGGED ");
    }
    sb.append("TABLE ").append(t.detail(Detail.QNAME));
    if (t.attribute(Attribute.PARTITION_OF) != null) {
      sb.append(" PARTITION OF ")
          .append(t.attribute(Attribute.PARTITION_OF))
          .append(' ')
          .append(t.attribute(Attribute.PARTITION_BOUND));
    } else {
      List<CatalogObject> columns =
          expected.children(t.id()).stream()
              .filter(c -> c.kind() == ObjectKind.COLUMN)
              .sorted(Comparator.comparingInt(c -> Integer.parseInt(c.detail(Detail.POSITION))))
              .toList();
      sb.append(" (");
      for (int i = 0; i < columns.size(); i++) {
        sb.append(i == 0 ? "\n    " : ",\n    ");
        sb.append(columns.get(i).detail(Detail.QNAME))
            .append(' ')
            .append(Summaries.column(columns.get(i)));
      }
      sb.append(columns.isEmpty() ? ")" : "\n)");
    }
    if (t.attribute(Attribute.PARTITION_KEY) != null) {
      sb.append(" PARTITION BY ").append(t.attribute(Attribute.PARTITION_KEY));
    }
    if (t.attribute(Attribute.OPTIONS) != null) {
      sb.append(" WITH (").append(t.attribute(Attribute.OPTIONS)).append(')');
    }
    Step step = t.attribute(Attribute.PARTITION_OF) == null ? Step.CREATE : Step.CREATE_DEPENDENT;
    script.add(t, step, sb.toString());
  }

  private static String createView(String what, CatalogObject v) {
    String options = v.attribute(Attribute.OPTIONS);
    return "CREATE "
        + what
        + " "
        + v.detail(Detail.QNAME)
        + (options == null ? "" : " WITH (" + options + ")")
        + " AS\n"
        + stripSemicolon(v.detail(Detail.DDL));
  }

  private static String createPolicy(CatalogObject p) {
    return "CREATE POLICY "
        + p.detail(Detail.QNAME)
        + " ON "
        + p.detail(Detail.TABLE)
        + " AS "
        + p.attribute(Attribute.PERMISSIVE)
        + " FOR "
        + p.attribute(Attribute.COMMAND)
        + " TO "
        + p.attribute(Attribute.ROLES)
        + (p.attribute(Attribute.USING) == null
            ? ""
            : " USING (" + p.attribute(Attribute.USING) + ")")
        + (p.attribute(Attribute.WITH_CHECK) == null
            ? ""
            : " WITH CHECK (" + p.attribute(Attribute.WITH_CHECK) + ")");
  }

  static String triggerEnable(CatalogObject t) {
    String what =
        switch (t.attribute(Attribute.ENABLED)) {
          case "DISABLED" -> "DISABLE TRIGGER ";
          case "REPLICA" -> "ENABLE REPLICA TRIGGER ";
          case "ALWAYS" -> "ENABLE ALWAYS TRIGGER ";
          default -> "ENABLE TRIGGER ";
        };
    return "ALTER TABLE " + t.detail(Detail.TABLE) + " " + what + t.detail(Detail.QNAME);
  }

  static String sequenceOptions(CatalogObject s) {
    return " AS "
        + s.attribute(Attribute.TYPE)
        + " INCREMENT BY "
        + s.attribute(Attribute.INCREMENT)
        + " MINVALUE "
        + s.attribute(Attribute.MIN)
        + " MAXVALUE "
        + s.attribute(Attribute.MAX)
        + " START WITH "
        + s.attribute(Attribute.START)
        + " CACHE "
        + s.attribute(Attribute.CACHE)
        + (s.flag(Attribute.CYCLE) ? " CYCLE" : " NO CYCLE");
  }

  private static String stripSemicolon(String def) {
    String s = def.strip();
    return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
  }
}
