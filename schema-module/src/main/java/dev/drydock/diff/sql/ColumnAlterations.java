package dev.drydock.diff.sql;

import dev.drydock.diff.Summaries;
import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.Detail;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A column on both sides that differs: type, nullability, default, identity, generation. */
final class ColumnAlterations {

  private static final Pattern INTEGER_WIDTH = Pattern.compile("smallint|integer|bigint");
  private static final Pattern SIZED =
      Pattern.compile("(character varying|character|numeric|bit varying)\\((\\d+)(,\\d+)?\\)");

  private final Script script;

  ColumnAlterations(Script script) {
    this.script = script;
  }

  void alter(CatalogObject e, Attribute attr, String want, String have) {
    String column = e.detail(Detail.QNAME);
    String t = "ALTER TABLE " + e.detail(Detail.TABLE) + " ALTER COLUMN " + column;
    switch (attr) {
      case TYPE, COLLATION -> {
        String type = e.attribute(Attribute.TYPE);
        String collation = e.attribute(Attribute.COLLATION);
        String collate = collation == null ? "" : " COLLATE " + collation;
        String destructive =
            attr == Attribute.TYPE && !isWidening(have, want)
                ? "changes the type from " + have + " to " + want + "; values may not convert"
                : null;
        script.add(
            e,
            Step.ALTER,
            t + " TYPE " + type + collate + " USING " + column + "::" + type,
            destructive);
      }
      case NOT_NULL ->
          script.add(
              e, Step.SET_NOT_NULL, t + ("true".equals(want) ? " SET NOT NULL" : " DROP NOT NULL"));
      case DEFAULT -> {
        // the old default may use a sequence that is dropped: it goes in the drop phase
        if (have != null) {
          script.add(e, Step.DROP_DEFAULT, t + " DROP DEFAULT");
        }
        if (want != null) {
          script.add(e, Step.SET_DEFAULT, t + " SET DEFAULT " + want);
        }
      }
      case IDENTITY -> {
        if (want == null) {
          script.add(e, Step.DROP_IDENTITY, t + " DROP IDENTITY IF EXISTS");
        } else if (have == null) {
          script.add(e, Step.SET_IDENTITY, t + " ADD GENERATED " + want + " AS IDENTITY");
        } else {
          script.add(e, Step.SET_IDENTITY, t + " SET GENERATED " + want);
        }
      }
      case GENERATED -> {
        if (want == null) {
          script.add(e, Step.SET_EXPRESSION, t + " DROP EXPRESSION");
        } else if (have != null) {
          script.add(e, Step.SET_EXPRESSION, t + " SET EXPRESSION AS (" + want + ")");
        } else {
          String table = "ALTER TABLE " + e.detail(Detail.TABLE);
          script.add(
              e,
              Step.SET_EXPRESSION,
              table
                  + " DROP COLUMN "
                  + column
                  + ";\n"
                  + table
                  + " ADD COLUMN "
                  + column
                  + " "
                  + Summaries.column(e),
              "recreates the column as a generated column; its stored values are lost");
        }
      }
      default -> script.manual(e, attr + " differs");
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
}
