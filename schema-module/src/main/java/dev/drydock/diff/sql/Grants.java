package dev.drydock.diff.sql;

import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.Detail;
import dev.drydock.introspect.ObjectKind;
import java.util.LinkedHashSet;
import java.util.Set;

/** Comments and privileges: statements that run once their object exists. */
final class Grants {

  private final Script script;

  Grants(Script script) {
    this.script = script;
  }

  void comment(CatalogObject o, String text) {
    String q = o.detail(Detail.QNAME);
    String target =
        switch (o.kind()) {
          case SCHEMA -> "SCHEMA " + q;
          case EXTENSION -> "EXTENSION " + q;
          case ENUM -> "TYPE " + q;
          case DOMAIN -> "DOMAIN " + q;
          case FUNCTION -> "FUNCTION " + q;
          case PROCEDURE -> "PROCEDURE " + q;
          case SEQUENCE -> "SEQUENCE " + q;
          case TABLE -> "TABLE " + q;
          case COLUMN -> "COLUMN " + o.detail(Detail.TABLE) + "." + q;
          case CONSTRAINT -> "CONSTRAINT " + q + " ON " + o.detail(Detail.TABLE);
          case INDEX -> "INDEX " + q;
          case VIEW -> "VIEW " + q;
          case MATERIALIZED_VIEW -> "MATERIALIZED VIEW " + q;
          case TRIGGER -> "TRIGGER " + q + " ON " + o.detail(Detail.TABLE);
          case POLICY -> "POLICY " + q + " ON " + o.detail(Detail.TABLE);
        };
    script.add(
        o,
        Step.POST,
        "COMMENT ON " + target + " IS " + (text == null ? "NULL" : quoteLiteral(text)));
  }

  /** Revokes what only the live database grants, then grants what it lacks. */
  void privileges(CatalogObject o, String want, String have) {
    Set<String> w = splitAcl(want);
    Set<String> h = splitAcl(have);
    String on = (o.kind() == ObjectKind.SEQUENCE ? "SEQUENCE " : "TABLE ") + o.detail(Detail.QNAME);
    for (String entry : h) {
      if (!w.contains(entry)) {
        String[] p = grantee(entry);
        script.add(
            o,
            Step.POST,
            "REVOKE " + p[1].replace(" WITH GRANT OPTION", "") + " ON " + on + " FROM " + p[0]);
      }
    }
    for (String entry : w) {
      if (!h.contains(entry)) {
        String[] p = grantee(entry);
        boolean grantOption = p[1].endsWith(" WITH GRANT OPTION");
        script.add(
            o,
            Step.POST,
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

  /**
   * Splits the introspected {@code grantee:PRIVILEGE, ...} list, where a grantee is written as
   * {@code quote_ident} does: a quoted name may hold {@code ", "} and {@code :} themselves.
   */
  static Set<String> splitAcl(String acl) {
    Set<String> out = new LinkedHashSet<>();
    if (acl == null || acl.isEmpty()) {
      return out;
    }
    int start = 0;
    int i = 0;
    while (i < acl.length()) {
      i = granteeEnd(acl, i);
      int next = acl.indexOf(", ", i);
      int end = next < 0 ? acl.length() : next;
      out.add(acl.substring(start, end));
      start = end + 2;
      i = start;
    }
    return out;
  }

  /** One entry as its grantee (quoted as in SQL) and its privilege. */
  static String[] grantee(String entry) {
    int end = granteeEnd(entry, 0);
    return new String[] {entry.substring(0, end), entry.substring(end + 1)};
  }

  /** Where the grantee that starts at {@code from} ends: at the {@code :} after it. */
  private static int granteeEnd(String acl, int from) {
    if (acl.charAt(from) != '"') {
      return acl.indexOf(':', from);
    }
    int i = from + 1;
    while (true) {
      int quote = acl.indexOf('"', i);
      if (quote + 1 < acl.length() && acl.charAt(quote + 1) == '"') {
        i = quote + 2;
      } else {
        return quote + 1;
      }
    }
  }

  static String quoteLiteral(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
