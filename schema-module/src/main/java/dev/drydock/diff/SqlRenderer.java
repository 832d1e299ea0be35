package dev.drydock.diff;

import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.Detail;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DDL that brings the live database to the migrations' state. Drops come first, in reverse
 * dependency order; then creations and alterations in dependency order ({@link ObjectKind} order).
 * Statements that remove something existing only in the live database, or that may lose data (type
 * narrowing, enum value removal), are preceded by a {@code -- DESTRUCTIVE:} comment. Changes that
 * cannot be made safely by a statement are emitted as {@code -- MANUAL:} comments.
 */
public final class SqlRenderer {

  private static final int DROP = 0;
  private static final int CREATE = 1;

  /** One statement with its place in the script. */
  private record Stmt(int phase, int order, String key, String sql, String destructive) {}

  private static final Comparator<Stmt> ORDER =
      Comparator.comparingInt(Stmt::phase).thenComparingInt(Stmt::order).thenComparing(Stmt::key);

  private final Catalog expected;
  private final Catalog actual;
  private final Map<String, Stmt> statements = new LinkedHashMap<>();
  private int sequence;

  private SqlRenderer(DiffResult result) {
    this.expected = result.expected();
    this.actual = result.actual();
  }

  public static String render(DiffResult result, String actualLabel) {
    SqlRenderer r = new SqlRenderer(result);
    StringBuilder sb = new StringBuilder();
    sb.append("-- Drydock: DDL that brings ")
        .append(actualLabel)
        .append(" to the state of the migrations.\n");
    if (!result.hasDrift()) {
      return sb.append("-- No drift: nothing to do.\n").toString();
    }
    sb.append("-- Review before running. Statements marked DESTRUCTIVE drop objects or data that")
        .append(" exist only in the live database.\n");
    r.plan(result.differences());
    List<Stmt> sorted = new ArrayList<>(r.statements.values());
    sorted.sort(ORDER);
    sb.append("SET check_function_bodies = false;\n");
    sb.append("BEGIN;\n");
    for (Stmt s : sorted) {
      sb.append('\n');
      if (s.destructive() != null) {
        sb.append("-- DESTRUCTIVE: ").append(s.destructive()).append('\n');
      }
      sb.append(s.sql()).append('\n');
    }
    sb.append("\nCOMMIT;\n");
    return sb.toString();
  }

  private void plan(List<Difference> diffs) {
    Map<ObjectId, List<Difference>> changed = new TreeMap<>();
    for (Difference d : diffs) {
      switch (d.change()) {
        case ADDED -> drop(actual.get(d.id()), "removes " + d.id() + ", which exists only live");
        case REMOVED -> createTree(expected.get(d.id()));
        case CHANGED -> changed.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(d);
      }
    }
    changed.forEach((id, list) -> alter(expected.get(id), actual.get(id), list));
  }

  // ---------------------------------------------------------------- statements

  private void emit(int phase, ObjectKind kind, int sub, String key, String sql, String why) {
    int order = phase == DROP ? -(kind.ordinal() * 10 + sub) : kind.ordinal() * 10 + sub;
    String sqlText = sql.endsWith(";") || sql.startsWith("--") ? sql : sql + ";";
    statements.putIfAbsent(
        sqlText, new Stmt(phase, order, key + String.format("#%06d", sequence++), sqlText, why));
  }

  private void create(CatalogObject o, int sub, String sql) {
    emit(CREATE, placement(o), placement(o) == o.kind() ? sub : sub + 1, o.name(), sql, null);
  }

  /** Statements after the object exists: comments, privileges. */
  private void post(CatalogObject o, String sql) {
    emit(CREATE, placement(o), 8, o.name(), sql, null);
  }

  private void manual(CatalogObject o, String what) {
    emit(CREATE, placement(o), 9, o.name(), "-- MANUAL: " + o.id() + ": " + what, null);
  }

  /** Where an object's statements go: indexes of materialized views come after those views. */
  private static ObjectKind placement(CatalogObject o) {
    if (o.kind() == ObjectKind.INDEX
        && o.parent() != null
        && o.parent().kind() == ObjectKind.MATERIALIZED_VIEW) {
      return ObjectKind.MATERIALIZED_VIEW;
    }
    return o.kind();
  }

  /** Keys and unique constraints first, then checks, then foreign keys (which need keys). */
  private static int constraintOrder(CatalogObject o) {
    return switch (o.constraintType()) {
      case FOREIGN_KEY -> 2;
      case CHECK -> 1;
      default -> 0;
    };
  }

  // ---------------------------------------------------------------- drop

  private void drop(CatalogObject o, String destructive) {
    String q = o.detailOrNull(Detail.QNAME);
    String sql =
        switch (o.kind()) {
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
    int sub = o.kind() == ObjectKind.CONSTRAINT ? 2 - constraintOrder(o) : 0;
    emit(DROP, placement(o), sub, o.name(), sql, destructive);
  }

  // ---------------------------------------------------------------- create

  /** Creates an object missing from the live database, with everything that belongs to it. */
  private void createTree(CatalogObject o) {
    create(o);
    for (CatalogObject child : expected.descendants(o.id())) {
      if (child.kind() == ObjectKind.COLUMN && o.kind() == ObjectKind.TABLE) {
        // part of CREATE TABLE; only its comment is separate
        if (child.attribute(Attribute.COMMENT) != null) {
          comment(child, child.attribute(Attribute.COMMENT));
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
      case SCHEMA -> create(o, 0, "CREATE SCHEMA " + q);
      case EXTENSION ->
          create(
              o,
              0,
              "CREATE EXTENSION IF NOT EXISTS " + q + " WITH SCHEMA " + o.detail(Detail.QSCHEMA));
      case ENUM ->
          create(o, 0, "CREATE TYPE " + q + " AS ENUM (" + o.attribute(Attribute.VALUES) + ")");
      case DOMAIN -> {
        StringBuilder sb =
            new StringBuilder("CREATE DOMAIN " + q + " AS " + o.attribute(Attribute.TYPE));
        if (o.attribute(Attribute.COLLATION) != null) {
          sb.append(" COLLATE ").append(o.attribute(Attribute.COLLATION));
        }
        if (o.attribute(Attribute.DEFAULT) != null) {
          sb.append(" DEFAULT ").append(o.attribute(Attribute.DEFAULT));
        }
        if (o.flag(Attribute.NOT_NULL)) {
          sb.append(" NOT NULL");
        }
        for (String c : domainConstraints(o.attribute(Attribute.CONSTRAINTS)).values()) {
          sb.append(" CONSTRAINT ").append(c);
        }
        create(o, 0, sb.toString());
      }
      case FUNCTION, PROCEDURE -> create(o, 0, o.detail(Detail.DDL).strip());
      case SEQUENCE -> {
        create(o, 0, "CREATE SEQUENCE " + q + sequenceOptions(o));
        if (o.attribute(Attribute.OWNED_BY) != null) {
          emit(
              CREATE,
              ObjectKind.CONSTRAINT,
              5,
              o.name(),
              "ALTER SEQUENCE " + q + " OWNED BY " + o.attribute(Attribute.OWNED_BY),
              null);
        }
      }
      case TABLE -> createTable(o);
      case COLUMN ->
          create(
              o,
              0,
              "ALTER TABLE "
                  + o.detail(Detail.TABLE)
                  + " ADD COLUMN "
                  + q
                  + " "
                  + Summaries.column(o));
      case CONSTRAINT ->
          create(
              o,
              constraintOrder(o),
              "ALTER TABLE "
                  + o.detail(Detail.TABLE)
                  + " ADD CONSTRAINT "
                  + q
                  + " "
                  + o.detail(Detail.DDL));
      case INDEX -> create(o, 0, o.detail(Detail.DDL));
      case VIEW ->
          create(
              o,
              0,
              "CREATE VIEW "
                  + q
                  + (o.attribute(Attribute.OPTIONS) == null
                      ? ""
                      : " WITH (" + o.attribute(Attribute.OPTIONS) + ")")
                  + " AS\n"
                  + stripSemicolon(o.detail(Detail.DDL)));
      case MATERIALIZED_VIEW ->
          create(
              o,
              0,
              "CREATE MATERIALIZED VIEW "
                  + q
                  + (o.attribute(Attribute.OPTIONS) == null
                      ? ""
                      : " WITH (" + o.attribute(Attribute.OPTIONS) + ")")
                  + " AS\n"
                  + stripSemicolon(o.detail(Detail.DDL)));
      case TRIGGER -> {
        create(o, 0, o.detail(Detail.DDL));
        if (!"ORIGIN".equals(o.attribute(Attribute.ENABLED))) {
          post(o, triggerEnable(o));
        }
      }
      case POLICY -> create(o, 0, createPolicy(o));
    }
    if (o.attribute(Attribute.COMMENT) != null) {
      comment(o, o.attribute(Attribute.COMMENT));
    }
    if (o.attribute(Attribute.PRIVILEGES) != null) {
      privileges(o, o.attribute(Attribute.PRIVILEGES), null);
    }
    if (o.kind() == ObjectKind.TABLE) {
      if (o.flag(Attribute.ROW_SECURITY)) {
        post(o, "ALTER TABLE " + q + " ENABLE ROW LEVEL SECURITY");
      }
      if (o.flag(Attribute.FORCE_ROW_SECURITY)) {
        post(o, "ALTER TABLE " + q + " FORCE ROW LEVEL SECURITY");
      }
    }
  }

  private void createTable(CatalogObject t) {
    String q = t.detail(Detail.QNAME);
    StringBuilder sb = new StringBuilder("CREATE ");
    if ("UNLOGGED".equals(t.attribute(Attribute.PERSISTENCE))) {
      sb.append("UNLOGGED ");
    }
    sb.append("TABLE ").append(q);
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
    create(t, t.attribute(Attribute.PARTITION_OF) == null ? 0 : 1, sb.toString());
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

  private static String triggerEnable(CatalogObject t) {
    String what =
        switch (t.attribute(Attribute.ENABLED)) {
          case "DISABLED" -> "DISABLE TRIGGER ";
          case "REPLICA" -> "ENABLE REPLICA TRIGGER ";
          case "ALWAYS" -> "ENABLE ALWAYS TRIGGER ";
          default -> "ENABLE TRIGGER ";
        };
    return "ALTER TABLE " + t.detail(Detail.TABLE) + " " + what + t.detail(Detail.QNAME);
  }

  private static String sequenceOptions(CatalogObject s) {
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

  // ---------------------------------------------------------------- alter

  private void alter(CatalogObject e, CatalogObject a, List<Difference> diffs) {
    Set<Attribute> attrs = EnumSet.noneOf(Attribute.class);
    diffs.forEach(d -> attrs.add(d.attribute()));
    if (needsRecreate(e, attrs)) {
      drop(a, null);
      createTree(e);
      return;
    }
    String q = e.detailOrNull(Detail.QNAME);
    boolean replacedFunction = false;
    for (Difference d : diffs) {
      Attribute attr = d.attribute();
      String want = d.expected();
      String have = d.actual();
      if (attr == Attribute.COMMENT) {
        comment(e, want);
        continue;
      }
      if (attr == Attribute.PRIVILEGES) {
        privileges(e, want, have);
        continue;
      }
      switch (e.kind()) {
        case SCHEMA -> manual(e, attr + " differs");
        case EXTENSION ->
            create(e, 1, "ALTER EXTENSION " + q + " SET SCHEMA " + e.detail(Detail.QSCHEMA));
        case ENUM -> alterEnum(e, a);
        case DOMAIN -> alterDomain(e, attr, want, have);
        case FUNCTION, PROCEDURE -> {
          if (!replacedFunction) {
            create(e, 0, e.detail(Detail.DDL).strip());
            replacedFunction = true;
          }
        }
        case SEQUENCE -> {
          if (attr == Attribute.OWNED_BY) {
            emit(
                CREATE,
                ObjectKind.CONSTRAINT,
                5,
                e.name(),
                "ALTER SEQUENCE " + q + " OWNED BY " + (want == null ? "NONE" : want),
                null);
          } else {
            create(e, 1, "ALTER SEQUENCE " + q + sequenceOptions(e));
          }
        }
        case TABLE -> alterTable(e, a, attr, want, have);
        case COLUMN -> alterColumn(e, attr, want, have);
        case CONSTRAINT -> // only "validated" gets here
            create(
                e,
                3,
                "ALTER TABLE "
                    + e.detail(Detail.TABLE)
                    + " VALIDATE CONSTRAINT "
                    + e.detail(Detail.QNAME));
        case VIEW -> alterOptions("VIEW", e, a);
        case MATERIALIZED_VIEW -> alterOptions("MATERIALIZED VIEW", e, a);
        case TRIGGER -> create(e, 1, triggerEnable(e));
        case INDEX, POLICY -> manual(e, attr + " differs");
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
          create(
              e,
              5,
              "ALTER TABLE "
                  + q
                  + ("true".equals(want) ? " ENABLE" : " DISABLE")
                  + " ROW LEVEL SECURITY");
      case FORCE_ROW_SECURITY ->
          create(
              e,
              5,
              "ALTER TABLE "
                  + q
                  + ("true".equals(want) ? " FORCE" : " NO FORCE")
                  + " ROW LEVEL SECURITY");
      case PERSISTENCE -> create(e, 5, "ALTER TABLE " + q + " SET " + want);
      case OPTIONS -> alterOptions("TABLE", e, a);
      case PARTITION_OF, PARTITION_BOUND -> {
        if (a.attribute(Attribute.PARTITION_OF) != null) {
          create(
              e,
              2,
              "ALTER TABLE " + a.attribute(Attribute.PARTITION_OF) + " DETACH PARTITION " + q);
        }
        if (e.attribute(Attribute.PARTITION_OF) != null) {
          create(
              e,
              3,
              "ALTER TABLE "
                  + e.attribute(Attribute.PARTITION_OF)
                  + " ATTACH PARTITION "
                  + q
                  + " "
                  + e.attribute(Attribute.PARTITION_BOUND));
        }
      }
      default ->
          manual(
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
      create(e, 5, "ALTER " + what + " " + q + " RESET (" + String.join(", ", keys) + ")");
    }
    if (e.attribute(Attribute.OPTIONS) != null) {
      emit(
          CREATE,
          e.kind(),
          6,
          e.name(),
          "ALTER " + what + " " + q + " SET (" + e.attribute(Attribute.OPTIONS) + ")",
          null);
    }
  }

  private static final Pattern INTEGER_WIDTH = Pattern.compile("smallint|integer|bigint");
  private static final Pattern SIZED =
      Pattern.compile("(character varying|character|numeric|bit varying)\\((\\d+)(,\\d+)?\\)");

  private void alterColumn(CatalogObject e, Attribute attr, String want, String have) {
    String t = "ALTER TABLE " + e.detail(Detail.TABLE) + " ALTER COLUMN " + e.detail(Detail.QNAME);
    switch (attr) {
      case TYPE, COLLATION -> {
        String type = e.attribute(Attribute.TYPE);
        String collate =
            e.attribute(Attribute.COLLATION) == null
                ? ""
                : " COLLATE " + e.attribute(Attribute.COLLATION);
        String sql =
            t + " TYPE " + type + collate + " USING " + e.detail(Detail.QNAME) + "::" + type;
        String destructive =
            attr == Attribute.TYPE && !isWidening(have, want)
                ? "changes the type from " + have + " to " + want + "; values may not convert"
                : null;
        emit(CREATE, ObjectKind.COLUMN, 1, e.name(), sql, destructive);
      }
      case NOT_NULL -> create(e, 3, t + ("true".equals(want) ? " SET NOT NULL" : " DROP NOT NULL"));
      case DEFAULT -> create(e, 2, want == null ? t + " DROP DEFAULT" : t + " SET DEFAULT " + want);
      case IDENTITY -> {
        if (want == null) {
          create(e, 2, t + " DROP IDENTITY IF EXISTS");
        } else if (have == null) {
          create(e, 2, t + " ADD GENERATED " + want + " AS IDENTITY");
        } else {
          create(e, 2, t + " SET GENERATED " + want);
        }
      }
      case GENERATED -> {
        if (want == null) {
          create(e, 2, t + " DROP EXPRESSION");
        } else if (have != null) {
          create(e, 2, t + " SET EXPRESSION AS (" + want + ")");
        } else {
          emit(
              CREATE,
              ObjectKind.COLUMN,
              2,
              e.name(),
              "ALTER TABLE "
                  + e.detail(Detail.TABLE)
                  + " DROP COLUMN "
                  + e.detail(Detail.QNAME)
                  + ";\nALTER TABLE "
                  + e.detail(Detail.TABLE)
                  + " ADD COLUMN "
                  + e.detail(Detail.QNAME)
                  + " "
                  + Summaries.column(e),
              "recreates the column as a generated column; its stored values are lost");
        }
      }
      default -> manual(e, attr + " differs");
    }
  }

  /** Whether changing a column from type {@code from} to {@code to} can never lose data. */
  static boolean isWidening(String from, String to) {
    if (from == null || to == null) {
      return false;
    }
    if (to.equals("text")
        && (from.startsWith("character varying") || from.startsWith("character("))) {
      return true;
    }
    Matcher fi = INTEGER_WIDTH.matcher(from);
    Matcher ti = INTEGER_WIDTH.matcher(to);
    if (fi.matches() && ti.matches()) {
      List<String> order = List.of("smallint", "integer", "bigint");
      return order.indexOf(to) >= order.indexOf(from);
    }
    if (to.equals("character varying") && from.startsWith("character varying")) {
      return true;
    }
    Matcher fs = SIZED.matcher(from);
    Matcher ts = SIZED.matcher(to);
    if (fs.matches() && ts.matches() && fs.group(1).equals(ts.group(1))) {
      boolean sameScale = Objects.equals(fs.group(3), ts.group(3));
      return sameScale && Integer.parseInt(ts.group(2)) >= Integer.parseInt(fs.group(2));
    }
    return false;
  }

  private void alterEnum(CatalogObject e, CatalogObject a) {
    List<String> want = enumLabels(e.attribute(Attribute.VALUES));
    List<String> have = enumLabels(a.attribute(Attribute.VALUES));
    String q = e.detail(Detail.QNAME);
    if (isSubsequence(have, want)) {
      for (int i = 0; i < want.size(); i++) {
        if (!have.contains(want.get(i))) {
          String position = i == 0 ? " BEFORE " + want.get(1) : " AFTER " + want.get(i - 1);
          emit(
              CREATE,
              ObjectKind.ENUM,
              1,
              e.name() + "#" + (1000 + i),
              "ALTER TYPE " + q + " ADD VALUE " + want.get(i) + position,
              null);
        }
      }
      return;
    }
    // values removed or reordered: recreate the type and convert the columns that use it
    String tmp = e.id().localName() + "__drydock_old";
    StringBuilder sb = new StringBuilder();
    sb.append("ALTER TYPE ").append(q).append(" RENAME TO ").append(quoteIdent(tmp)).append(";\n");
    sb.append("CREATE TYPE ")
        .append(q)
        .append(" AS ENUM (")
        .append(e.attribute(Attribute.VALUES))
        .append(");");
    for (CatalogObject col : actual.objects().values()) {
      if (col.kind() != ObjectKind.COLUMN || !expected.contains(col.id())) {
        continue;
      }
      String type = col.attribute(Attribute.TYPE);
      if (!type.equals(q) && !type.equals(q + "[]")) {
        continue;
      }
      String t =
          "ALTER TABLE " + col.detail(Detail.TABLE) + " ALTER COLUMN " + col.detail(Detail.QNAME);
      if (col.attribute(Attribute.DEFAULT) != null) {
        sb.append('\n').append(t).append(" DROP DEFAULT;");
      }
      sb.append('\n')
          .append(t)
          .append(" TYPE ")
          .append(type)
          .append(" USING ")
          .append(col.detail(Detail.QNAME))
          .append("::text")
          .append(type.endsWith("[]") ? "[]" : "")
          .append("::")
          .append(type)
          .append(';');
      String def = expected.get(col.id()).attribute(Attribute.DEFAULT);
      if (def != null) {
        sb.append('\n').append(t).append(" SET DEFAULT ").append(def).append(';');
      }
    }
    sb.append("\nDROP TYPE ")
        .append(quoteIdent(e.id().path().get(0)))
        .append('.')
        .append(quoteIdent(tmp));
    List<String> removed = new ArrayList<>(have);
    removed.removeAll(want);
    emit(
        CREATE,
        ObjectKind.ENUM,
        1,
        e.name(),
        sb.toString(),
        removed.isEmpty()
            ? null
            : "removes enum values "
                + String.join(", ", removed)
                + "; rows using them fail to convert");
  }

  private void alterDomain(CatalogObject e, Attribute attr, String want, String have) {
    String d = "ALTER DOMAIN " + e.detail(Detail.QNAME);
    switch (attr) {
      case DEFAULT -> create(e, 1, want == null ? d + " DROP DEFAULT" : d + " SET DEFAULT " + want);
      case NOT_NULL -> create(e, 1, d + ("true".equals(want) ? " SET NOT NULL" : " DROP NOT NULL"));
      case CONSTRAINTS -> {
        Map<String, String> w = domainConstraints(want);
        Map<String, String> h = domainConstraints(have);
        h.forEach(
            (name, def) -> {
              if (!def.equals(w.get(name))) {
                create(e, 1, d + " DROP CONSTRAINT " + name);
              }
            });
        w.forEach(
            (name, def) -> {
              if (!def.equals(h.get(name))) {
                create(e, 2, d + " ADD CONSTRAINT " + def);
              }
            });
      }
      default ->
          manual(
              e,
              attr
                  + " differs (expected "
                  + Difference.show(want)
                  + ", actual "
                  + Difference.show(have)
                  + "); the domain must be recreated");
    }
  }

  // ---------------------------------------------------------------- comments and privileges

  private void comment(CatalogObject o, String text) {
    String target =
        switch (o.kind()) {
          case SCHEMA -> "SCHEMA " + o.detail(Detail.QNAME);
          case EXTENSION -> "EXTENSION " + o.detail(Detail.QNAME);
          case ENUM -> "TYPE " + o.detail(Detail.QNAME);
          case DOMAIN -> "DOMAIN " + o.detail(Detail.QNAME);
          case FUNCTION -> "FUNCTION " + o.detail(Detail.QNAME);
          case PROCEDURE -> "PROCEDURE " + o.detail(Detail.QNAME);
          case SEQUENCE -> "SEQUENCE " + o.detail(Detail.QNAME);
          case TABLE -> "TABLE " + o.detail(Detail.QNAME);
          case COLUMN -> "COLUMN " + o.detail(Detail.TABLE) + "." + o.detail(Detail.QNAME);
          case CONSTRAINT ->
              "CONSTRAINT " + o.detail(Detail.QNAME) + " ON " + o.detail(Detail.TABLE);
          case INDEX -> "INDEX " + o.detail(Detail.QNAME);
          case VIEW -> "VIEW " + o.detail(Detail.QNAME);
          case MATERIALIZED_VIEW -> "MATERIALIZED VIEW " + o.detail(Detail.QNAME);
          case TRIGGER -> "TRIGGER " + o.detail(Detail.QNAME) + " ON " + o.detail(Detail.TABLE);
          case POLICY -> "POLICY " + o.detail(Detail.QNAME) + " ON " + o.detail(Detail.TABLE);
        };
    post(o, "COMMENT ON " + target + " IS " + (text == null ? "NULL" : quoteLiteral(text)));
  }

  private void privileges(CatalogObject o, String want, String have) {
    Set<String> w = splitAcl(want);
    Set<String> h = splitAcl(have);
    String on = (o.kind() == ObjectKind.SEQUENCE ? "SEQUENCE " : "TABLE ") + o.detail(Detail.QNAME);
    for (String entry : h) {
      if (!w.contains(entry)) {
        String[] p = entry.split(":", 2);
        post(o, "REVOKE " + p[1].replace(" WITH GRANT OPTION", "") + " ON " + on + " FROM " + p[0]);
      }
    }
    for (String entry : w) {
      if (!h.contains(entry)) {
        String[] p = entry.split(":", 2);
        boolean grantOption = p[1].endsWith(" WITH GRANT OPTION");
        post(
            o,
            "GRANT "
                + p[1].replace(" WITH GRANT OPTION", "")
                + " ON "
                + on
                + " TO "
                + p[0]
                + (grantOption ? " WITH GRANT OPTION" : ""));
      }
    }
  }

  private static Set<String> splitAcl(String acl) {
    Set<String> out = new LinkedHashSet<>();
    if (acl != null && !acl.isEmpty()) {
      out.addAll(List.of(acl.split(", ")));
    }
    return out;
  }

  // ---------------------------------------------------------------- helpers

  /** Splits {@code 'a', 'b''c', E'd\\e'} into its quoted literals, quotes kept. */
  static List<String> enumLabels(String values) {
    List<String> out = new ArrayList<>();
    if (values == null) {
      return out;
    }
    int i = 0;
    while (i < values.length()) {
      int start = i;
      if (values.charAt(i) == 'E') {
        i++;
      }
      i++; // opening quote
      while (i < values.length()) {
        if (values.charAt(i) == '\\') {
          i += 2;
          continue;
        }
        if (values.charAt(i) == '\'') {
          if (i + 1 < values.length() && values.charAt(i + 1) == '\'') {
            i += 2;
            continue;
          }
          break;
        }
        i++;
      }
      out.add(values.substring(start, i + 1));
      i += 3; // closing quote, comma, space
    }
    return out;
  }

  private static boolean isSubsequence(List<String> small, List<String> big) {
    int j = 0;
    for (String s : big) {
      if (j < small.size() && small.get(j).equals(s)) {
        j++;
      }
    }
    return j == small.size() && big.size() > small.size();
  }

  /** {@code name CHECK (...); name2 CHECK (...)} to name -> "name CHECK (...)". */
  private static Map<String, String> domainConstraints(String list) {
    Map<String, String> out = new TreeMap<>();
    if (list != null) {
      for (String c : list.split("; (?=\\S+ CHECK )")) {
        out.put(c.substring(0, c.indexOf(" CHECK ")), c);
      }
    }
    return out;
  }

  private static String stripSemicolon(String def) {
    String s = def.strip();
    return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
  }

  static String quoteLiteral(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static String quoteIdent(String s) {
    return s.matches("[a-z_][a-z0-9_$]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
