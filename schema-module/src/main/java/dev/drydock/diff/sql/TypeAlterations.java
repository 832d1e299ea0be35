package dev.drydock.diff.sql;

import dev.drydock.diff.Difference;
import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.Detail;
import dev.drydock.introspect.IdentifierQuoting;
import dev.drydock.introspect.ObjectKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Enums and domains: values added in place, or the type recreated; domain rules altered. */
final class TypeAlterations {

  private final Catalog expected;
  private final Catalog actual;
  private final Script script;
  private final boolean renames;

  TypeAlterations(Catalog expected, Catalog actual, Script script, boolean renames) {
    this.expected = expected;
    this.actual = actual;
    this.script = script;
    this.renames = renames;
  }

  static String createDomain(CatalogObject o) {
    StringBuilder sb =
        new StringBuilder(
            "CREATE DOMAIN " + o.detail(Detail.QNAME) + " AS " + o.attribute(Attribute.TYPE));
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
    return sb.toString();
  }

  void alterEnum(CatalogObject e, CatalogObject a) {
    List<String> want = enumLabels(e.attribute(Attribute.VALUES));
    List<String> have = enumLabels(a.attribute(Attribute.VALUES));
    String q = e.detail(Detail.QNAME);
    if (isSubsequence(have, want)) {
      for (int i = 0; i < want.size(); i++) {
        if (!have.contains(want.get(i))) {
          String position = i == 0 ? " BEFORE " + want.get(1) : " AFTER " + want.get(i - 1);
          script.add(
              Step.ALTER,
              ObjectKind.ENUM,
              e.name() + "#" + (1000 + i),
              "ALTER TYPE " + q + " ADD VALUE " + want.get(i) + position,
              null);
        }
      }
      return;
    }
    int renamed = renamedValue(have, want);
    if (renames && renamed >= 0) {
      script.add(
          Step.ALTER,
          ObjectKind.ENUM,
          e.name(),
          "RENAME: enum value "
              + have.get(renamed)
              + " is "
              + want.get(renamed)
              + " under another name; renamed, rows using it kept.",
          "ALTER TYPE "
              + q
              + " RENAME VALUE "
              + have.get(renamed)
              + " TO "
              + want.get(renamed)
              + ";",
          null);
      return;
    }
    // values removed or reordered: recreate the type and convert the columns that use it
    IdentifierQuoting quoting = actual.quoting();
    String tmp = besideName(e.id().localName(), "__drydock_old");
    StringBuilder sb = new StringBuilder();
    sb.append("ALTER TYPE ").append(q).append(" RENAME TO ").append(quoting.quote(tmp));
    sb.append(";\nCREATE TYPE ")
        .append(q)
        .append(" AS ENUM (")
        .append(e.attribute(Attribute.VALUES))
        .append(");");
    for (CatalogObject col : actual.objects().values()) {
      if (col.kind() == ObjectKind.COLUMN && expected.contains(col.id())) {
        convertColumn(col, q, sb);
      }
    }
    sb.append("\nDROP TYPE ").append(quoting.qualified(e.id().path().get(0), tmp));
    List<String> removed = new ArrayList<>(have);
    removed.removeAll(want);
    script.add(
        Step.ALTER,
        ObjectKind.ENUM,
        e.name(),
        sb.toString(),
        removed.isEmpty()
            ? null
            : "removes enum values "
                + String.join(", ", removed)
                + "; rows using them fail to convert");
  }

  /**
   * {@code name + suffix}, the name shortened (whole characters) so that the result keeps within
   * PostgreSQL's 63 bytes instead of being truncated back to {@code name} by the server.
   */
  static String besideName(String name, String suffix) {
    int room = 63 - suffix.length();
    StringBuilder sb = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > room) {
        break;
      }
      sb.appendCodePoint(cp);
      bytes += size;
      i += Character.charCount(cp);
    }
    return sb + suffix;
  }

  /** A column of the recreated enum type (or an array of it) converted through text. */
  private void convertColumn(CatalogObject col, String enumName, StringBuilder sb) {
    String type = col.attribute(Attribute.TYPE);
    if (!type.equals(enumName) && !type.equals(enumName + "[]")) {
      return;
    }
    String column = col.detail(Detail.QNAME);
    String t = "ALTER TABLE " + col.detail(Detail.TABLE) + " ALTER COLUMN " + column;
    if (col.attribute(Attribute.DEFAULT) != null) {
      sb.append('\n').append(t).append(" DROP DEFAULT;");
    }
    sb.append('\n')
        .append(t)
        .append(" TYPE ")
        .append(type)
        .append(" USING ")
        .append(column)
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

  void alterDomain(CatalogObject e, Attribute attr, String want, String have) {
    String d = "ALTER DOMAIN " + e.detail(Detail.QNAME);
    switch (attr) {
      case DEFAULT ->
          script.add(
              e, Step.ALTER, want == null ? d + " DROP DEFAULT" : d + " SET DEFAULT " + want);
      case NOT_NULL ->
          script.add(e, Step.ALTER, d + ("true".equals(want) ? " SET NOT NULL" : " DROP NOT NULL"));
      case CONSTRAINTS -> {
        Map<String, String> w = domainConstraints(want);
        Map<String, String> h = domainConstraints(have);
        h.forEach(
            (name, def) -> {
              if (!def.equals(w.get(name))) {
                script.add(e, Step.ALTER, d + " DROP CONSTRAINT " + name);
              }
            });
        w.forEach(
            (name, def) -> {
              if (!def.equals(h.get(name))) {
                script.add(e, Step.ADD_DOMAIN_CONSTRAINT, d + " ADD CONSTRAINT " + def);
              }
            });
      }
      default ->
          script.manual(
              e,
              attr
                  + " differs (expected "
                  + Difference.show(want)
                  + ", actual "
                  + Difference.show(have)
                  + "); the domain must be recreated");
    }
  }

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

  /** The one position where two equally long label lists differ, or -1. */
  private static int renamedValue(List<String> have, List<String> want) {
    if (have.size() != want.size()) {
      return -1;
    }
    int found = -1;
    for (int i = 0; i < want.size(); i++) {
      if (!want.get(i).equals(have.get(i))) {
        if (found >= 0 || have.contains(want.get(i))) {
          return -1;
        }
        found = i;
      }
    }
    return found;
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
}
