package dev.drydock.diff;

import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.ObjectId;
import dev.drydock.introspect.ObjectKind;
import java.util.ArrayList;
import java.util.Comparator;
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

  // ---------------------------------------------------------------- drop

  private void drop(CatalogObject o, String destructive) {
    String q = o.detailOrNull("qname");
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
          case COLUMN -> "ALTER TABLE " + o.detail("table") + " DROP COLUMN IF EXISTS " + q;
          case CONSTRAINT -> "ALTER TABLE " + o.detail("table") + " DROP CONSTRAINT IF EXISTS " + q;
          case INDEX -> "DROP INDEX IF EXISTS " + q;
          case VIEW -> "DROP VIEW IF EXISTS " + q;
          case MATERIALIZED_VIEW -> "DROP MATERIALIZED VIEW IF EXISTS " + q;
          case TRIGGER -> "DROP TRIGGER IF EXISTS " + q + " ON " + o.detail("table");
          case POLICY -> "DROP POLICY IF EXISTS " + q + " ON " + o.detail("table");
        };
    int sub = o.kind() == ObjectKind.CONSTRAINT ? 2 - Integer.parseInt(o.detail("order")) : 0;
    emit(DROP, placement(o), sub, o.name(), sql, destructive);
  }

  // ---------------------------------------------------------------- create

  /** Creates an object missing from the live database, with everything that belongs to it. */
  private void createTree(CatalogObject o) {
    create(o);
    for (CatalogObject child : expected.descendants(o.id())) {
      if (child.kind() == ObjectKind.COLUMN && o.kind() == ObjectKind.TABLE) {
        // part of CREATE TABLE; only its comment is separate
        if (child.attribute("comment") != null) {
          comment(child, child.attribute("comment"));
        }
      } else if (child.kind() == ObjectKind.COLUMN) {
        createTree(child);
      } else {
        create(child);
      }
    }
  }

  private void create(CatalogObject o) {
    String q = o.detailOrNull("qname");
    switch (o.kind()) {
      case SCHEMA -> create(o, 0, "CREATE SCHEMA " + q);
      case EXTENSION ->
          create(
              o, 0, "CREATE EXTENSION IF NOT EXISTS " + q + " WITH SCHEMA " + o.detail("qschema"));
      case ENUM -> create(o, 0, "CREATE TYPE " + q + " AS ENUM (" + o.attribute("values") + ")");
      case DOMAIN -> {
        StringBuilder sb = new StringBuilder("CREATE DOMAIN " + q + " AS " + o.attribute("type"));
        if (o.attribute("collation") != null) {
          sb.append(" COLLATE ").append(o.attribute("collation"));
        }
        if (o.attribute("default") != null) {
          sb.append(" DEFAULT ").append(o.attribute("default"));
        }
        if ("true".equals(o.attribute("not_null"))) {
          sb.append(" NOT NULL");
        }
        for (String c : domainConstraints(o.attribute("constraints")).values()) {
          sb.append(" CONSTRAINT ").append(c);
        }
        create(o, 0, sb.toString());
      }
      case FUNCTION, PROCEDURE -> create(o, 0, o.detail("ddl").strip());
      case SEQUENCE -> {
        create(o, 0, "CREATE SEQUENCE " + q + sequenceOptions(o));
        if (o.attribute("owned_by") != null) {
          emit(
              CREATE,
              ObjectKind.CONSTRAINT,
              5,
              o.name(),
              "ALTER SEQUENCE " + q + " OWNED BY " + o.attribute("owned_by"),
              null);
        }
      }
      case TABLE -> createTable(o);
      case COLUMN ->
          create(
              o,
              0,
              "ALTER TABLE " + o.detail("table") + " ADD COLUMN " + q + " " + Summaries.column(o));
      case CONSTRAINT ->
          create(
              o,
              Integer.parseInt(o.detail("order")),
              "ALTER TABLE " + o.detail("table") + " ADD CONSTRAINT " + q + " " + o.detail("ddl"));
      case INDEX -> create(o, 0, o.detail("ddl"));
      case VIEW ->
          create(
              o,
              0,
              "CREATE VIEW "
                  + q
                  + (o.attribute("options") == null ? "" : " WITH (" + o.attribute("options") + ")")
                  + " AS\n"
                  + stripSemicolon(o.detail("ddl")));
      case MATERIALIZED_VIEW ->
          create(
              o,
              0,
              "CREATE MATERIALIZED VIEW "
                  + q
                  + (o.attribute("options") == null ? "" : " WITH (" + o.attribute("options") + ")")
                  + " AS\n"
                  + stripSemicolon(o.detail("ddl")));
      case TRIGGER -> {
        create(o, 0, o.detail("ddl"));
        if (!"ORIGIN".equals(o.attribute("enabled"))) {
          post(o, triggerEnable(o));
        }
      }
      case POLICY -> create(o, 0, createPolicy(o));
    }
    if (o.attribute("comment") != null) {
      comment(o, o.attribute("comment"));
    }
    if (o.attribute("privileges") != null) {
      privileges(o, o.attribute("privileges"), null);
    }
    if (o.kind() == ObjectKind.TABLE) {
      if ("true".equals(o.attribute("row_security"))) {
        post(o, "ALTER TABLE " + q + " ENABLE ROW LEVEL SECURITY");
      }
      if ("true".equals(o.attribute("force_row_security"))) {
        post(o, "ALTER TABLE " + q + " FORCE ROW LEVEL SECURITY");
      }
    }
  }

  private void createTable(CatalogObject t) {
    String q = t.detail("qname");
    StringBuilder sb = new StringBuilder("CREATE ");
    if ("UNLOGGED".equals(t.attribute("persistence"))) {
      sb.append("UNLOGGED ");
    }
    sb.append("TABLE ").append(q);
    if (t.attribute("partition_of") != null) {
      sb.append(" PARTITION OF ")
          .append(t.attribute("partition_of"))
          .append(' ')
          .append(t.attribute("partition_bound"));
    } else {
      List<CatalogObject> columns =
          expected.children(t.id()).stream()
              .filter(c -> c.kind() == ObjectKind.COLUMN)
              .sorted(Comparator.comparingInt(c -> Integer.parseInt(c.detail("position"))))
              .toList();
      sb.append(" (");
      for (int i = 0; i < columns.size(); i++) {
        sb.append(i == 0 ? "\n    " : ",\n    ");
        sb.append(columns.get(i).detail("qname"))
            .append(' ')
            .append(Summaries.column(columns.get(i)));
      }
      sb.append(columns.isEmpty() ? ")" : "\n)");
    }
    if (t.attribute("partition_key") != null) {
      sb.append(" PARTITION BY ").append(t.attribute("partition_key"));
    }
    if (t.attribute("options") != null) {
      sb.append(" WITH (").append(t.attribute("options")).append(')');
    }
    create(t, t.attribute("partition_of") == null ? 0 : 1, sb.toString());
  }

  private static String createPolicy(CatalogObject p) {
    return "CREATE POLICY "
        + p.detail("qname")
        + " ON "
        + p.detail("table")
        + " AS "
        + p.attribute("permissive")
        + " FOR "
        + p.attribute("command")
        + " TO "
        + p.attribute("roles")
        + (p.attribute("using") == null ? "" : " USING (" + p.attribute("using") + ")")
        + (p.attribute("with_check") == null
            ? ""
            : " WITH CHECK (" + p.attribute("with_check") + ")");
  }

  private static String triggerEnable(CatalogObject t) {
    String what =
        switch (t.attribute("enabled")) {
          case "DISABLED" -> "DISABLE TRIGGER ";
          case "REPLICA" -> "ENABLE REPLICA TRIGGER ";
          case "ALWAYS" -> "ENABLE ALWAYS TRIGGER ";
          default -> "ENABLE TRIGGER ";
        };
    return "ALTER TABLE " + t.detail("table") + " " + what + t.detail("qname");
  }

  private static String sequenceOptions(CatalogObject s) {
    return " AS "
        + s.attribute("type")
        + " INCREMENT BY "
        + s.attribute("increment")
        + " MINVALUE "
        + s.attribute("min")
        + " MAXVALUE "
        + s.attribute("max")
        + " START WITH "
        + s.attribute("start")
        + " CACHE "
        + s.attribute("cache")
        + ("true".equals(s.attribute("cycle")) ? " CYCLE" : " NO CYCLE");
  }

  // ---------------------------------------------------------------- alter

  private void alter(CatalogObject e, CatalogObject a, List<Difference> diffs) {
    Set<String> attrs = new LinkedHashSet<>();
    diffs.forEach(d -> attrs.add(d.attribute()));
    if (needsRecreate(e, attrs)) {
      drop(a, null);
      createTree(e);
      return;
    }
    String q = e.detailOrNull("qname");
    boolean replacedFunction = false;
    for (Difference d : diffs) {
      String attr = d.attribute();
      String want = d.expected();
      String have = d.actual();
      if (attr.equals("comment")) {
        comment(e, want);
        continue;
      }
      if (attr.equals("privileges")) {
        privileges(e, want, have);
        continue;
      }
      switch (e.kind()) {
        case SCHEMA -> manual(e, attr + " differs");
        case EXTENSION ->
            create(e, 1, "ALTER EXTENSION " + q + " SET SCHEMA " + e.detail("qschema"));
        case ENUM -> alterEnum(e, a);
        case DOMAIN -> alterDomain(e, attr, want, have);
        case FUNCTION, PROCEDURE -> {
          if (!replacedFunction) {
            create(e, 0, e.detail("ddl").strip());
            replacedFunction = true;
          }
        }
        case SEQUENCE -> {
          if (attr.equals("owned_by")) {
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
                "ALTER TABLE " + e.detail("table") + " VALIDATE CONSTRAINT " + e.detail("qname"));
        case VIEW -> alterOptions("VIEW", e, a);
        case MATERIALIZED_VIEW -> alterOptions("MATERIALIZED VIEW", e, a);
        case TRIGGER -> create(e, 1, triggerEnable(e));
        case INDEX, POLICY -> manual(e, attr + " differs");
      }
    }
  }

  private static boolean needsRecreate(CatalogObject e, Set<String> attrs) {
    return switch (e.kind()) {
      case INDEX, POLICY -> attrs.stream().anyMatch(a -> !a.equals("comment"));
      case VIEW, MATERIALIZED_VIEW, TRIGGER -> attrs.contains("definition");
      case CONSTRAINT ->
          attrs.stream()
              .anyMatch(
                  a ->
                      !a.equals("comment")
                          && !(a.equals("validated") && "true".equals(e.attribute("validated"))));
      case FUNCTION, PROCEDURE -> attrs.contains("returns");
      default -> false;
    };
  }

  private void alterTable(CatalogObject e, CatalogObject a, String attr, String want, String have) {
    String q = e.detail("qname");
    switch (attr) {
      case "row_security" ->
          create(
              e,
              5,
              "ALTER TABLE "
                  + q
                  + ("true".equals(want) ? " ENABLE" : " DISABLE")
                  + " ROW LEVEL SECURITY");
      case "force_row_security" ->
          create(
              e,
              5,
              "ALTER TABLE "
                  + q
                  + ("true".equals(want) ? " FORCE" : " NO FORCE")
                  + " ROW LEVEL SECURITY");
      case "persistence" -> create(e, 5, "ALTER TABLE " + q + " SET " + want);
      case "options" -> alterOptions("TABLE", e, a);
      case "partition_of", "partition_bound" -> {
        if (a.attribute("partition_of") != null) {
          create(e, 2, "ALTER TABLE " + a.attribute("partition_of") + " DETACH PARTITION " + q);
        }
        if (e.attribute("partition_of") != null) {
          create(
              e,
              3,
              "ALTER TABLE "
                  + e.attribute("partition_of")
                  + " ATTACH PARTITION "
                  + q
                  + " "
                  + e.attribute("partition_bound"));
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
    String q = e.detail("qname");
    if (a.attribute("options") != null) {
      List<String> keys = new ArrayList<>();
      for (String opt : a.attribute("options").split(", ")) {
        keys.add(opt.substring(0, opt.indexOf('=')));
      }
      create(e, 5, "ALTER " + what + " " + q + " RESET (" + String.join(", ", keys) + ")");
    }
    if (e.attribute("options") != null) {
      emit(
          CREATE,
          e.kind(),
          6,
          e.name(),
          "ALTER " + what + " " + q + " SET (" + e.attribute("options") + ")",
          null);
    }
  }

  private static final Pattern INTEGER_WIDTH = Pattern.compile("smallint|integer|bigint");
  private static final Pattern SIZED =
      Pattern.compile("(character varying|character|numeric|bit varying)\\((\\d+)(,\\d+)?\\)");

  private void alterColumn(CatalogObject e, String attr, String want, String have) {
    String t = "ALTER TABLE " + e.detail("table") + " ALTER COLUMN " + e.detail("qname");
    switch (attr) {
      case "type", "collation" -> {
        String type = e.attribute("type");
        String collate =
            e.attribute("collation") == null ? "" : " COLLATE " + e.attribute("collation");
        String sql = t + " TYPE " + type + collate + " USING " + e.detail("qname") + "::" + type;
        String destructive =
            attr.equals("type") && !isWidening(have, want)
                ? "changes the type from " + have + " to " + want + "; values may not convert"
                : null;
        emit(CREATE, ObjectKind.COLUMN, 1, e.name(), sql, destructive);
      }
      case "not_null" ->
          create(e, 3, t + ("true".equals(want) ? " SET NOT NULL" : " DROP NOT NULL"));
      case "default" ->
          create(e, 2, want == null ? t + " DROP DEFAULT" : t + " SET DEFAULT " + want);
      case "identity" -> {
        if (want == null) {
          create(e, 2, t + " DROP IDENTITY IF EXISTS");
        } else if (have == null) {
          create(e, 2, t + " ADD GENERATED " + want + " AS IDENTITY");
        } else {
          create(e, 2, t + " SET GENERATED " + want);
        }
      }
      case "generated" -> {
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
                  + e.detail("table")
                  + " DROP COLUMN "
                  + e.detail("qname")
                  + ";\nALTER TABLE "
                  + e.detail("table")
                  + " ADD COLUMN "
                  + e.detail("qname")
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
    List<String> want = enumLabels(e.attribute("values"));
    List<String> have = enumLabels(a.attribute("values"));
    String q = e.detail("qname");
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
        .append(e.attribute("values"))
        .append(");");
    for (CatalogObject col : actual.objects().values()) {
      if (col.kind() != ObjectKind.COLUMN || !expected.contains(col.id())) {
        continue;
      }
      String type = col.attribute("type");
      if (!type.equals(q) && !type.equals(q + "[]")) {
        continue;
      }
      String t = "ALTER TABLE " + col.detail("table") + " ALTER COLUMN " + col.detail("qname");
      if (col.attribute("default") != null) {
        sb.append('\n').append(t).append(" DROP DEFAULT;");
      }
      sb.append('\n')
          .append(t)
          .append(" TYPE ")
          .append(type)
          .append(" USING ")
          .append(col.detail("qname"))
          .append("::text")
          .append(type.endsWith("[]") ? "[]" : "")
          .append("::")
          .append(type)
          .append(';');
      String def = expected.get(col.id()).attribute("default");
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

  private void alterDomain(CatalogObject e, String attr, String want, String have) {
    String d = "ALTER DOMAIN " + e.detail("qname");
    switch (attr) {
      case "default" ->
          create(e, 1, want == null ? d + " DROP DEFAULT" : d + " SET DEFAULT " + want);
      case "not_null" ->
          create(e, 1, d + ("true".equals(want) ? " SET NOT NULL" : " DROP NOT NULL"));
      case "constraints" -> {
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
          case SCHEMA -> "SCHEMA " + o.detail("qname");
          case EXTENSION -> "EXTENSION " + o.detail("qname");
          case ENUM -> "TYPE " + o.detail("qname");
          case DOMAIN -> "DOMAIN " + o.detail("qname");
          case FUNCTION -> "FUNCTION " + o.detail("qname");
          case PROCEDURE -> "PROCEDURE " + o.detail("qname");
          case SEQUENCE -> "SEQUENCE " + o.detail("qname");
          case TABLE -> "TABLE " + o.detail("qname");
          case COLUMN -> "COLUMN " + o.detail("table") + "." + o.detail("qname");
          case CONSTRAINT -> "CONSTRAINT " + o.detail("qname") + " ON " + o.detail("table");
          case INDEX -> "INDEX " + o.detail("qname");
          case VIEW -> "VIEW " + o.detail("qname");
          case MATERIALIZED_VIEW -> "MATERIALIZED VIEW " + o.detail("qname");
          case TRIGGER -> "TRIGGER " + o.detail("qname") + " ON " + o.detail("table");
          case POLICY -> "POLICY " + o.detail("qname") + " ON " + o.detail("table");
        };
    post(o, "COMMENT ON " + target + " IS " + (text == null ? "NULL" : quoteLiteral(text)));
  }

  private void privileges(CatalogObject o, String want, String have) {
    Set<String> w = splitAcl(want);
    Set<String> h = splitAcl(have);
    String on = (o.kind() == ObjectKind.SEQUENCE ? "SEQUENCE " : "TABLE ") + o.detail("qname");
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
