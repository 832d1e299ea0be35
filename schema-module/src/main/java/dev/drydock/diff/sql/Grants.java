package dev.drydock.diff.sql;

import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.Detail;
import dev.drydock.introspect.ObjectKind;
import java.util.LinkedHashSet;
import java.util.List;
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
        String[] p = entry.split(":", 2);
        script.add(
            o,
            Step.POST,
            "REVOKE " + p[1].replace(" WITH GRANT OPTION", "") + " ON " + on + " FROM " + p[0]);
      }
    }
    for (String entry : w) {
      if (!h.contains(entry)) {
        String[] p = entry.split(":", 2);
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

  private static Set<String> splitAcl(String acl) {
    Set<String> out = new LinkedHashSet<>();
    if (acl != null && !acl.isEmpty()) {
      out.addAll(List.of(acl.split(", ")));
    }
    return out;
  }

  static String quoteLiteral(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
