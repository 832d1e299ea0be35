package dev.drydock.pull;

import dev.drydock.diff.ChangeKind;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.introspect.Attribute;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogObject;
import dev.drydock.introspect.IdentifierQuoting;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The roles a pulled migration names (grantees of its privileges, roles of its policies), written
 * first so the file applies to a cluster that lacks them: each one created {@code NOLOGIN} with no
 * password, and only when missing. Login roles and passwords are the operator's.
 */
final class RoleStatements {

  private RoleStatements() {}

  /**
   * The roles the live side of {@code result} (expected: the live database, actual: the migrations'
   * schema) names in what the migration will create or change; never {@code PUBLIC} nor
   * PostgreSQL's predefined {@code pg_*} roles.
   */
  static SortedSet<String> named(DiffResult result) {
    Catalog live = result.expected();
    SortedSet<String> roles = new TreeSet<>();
    for (Difference d : result.differences()) {
      if (d.change() == ChangeKind.ADDED || !live.contains(d.id())) {
        continue;
      }
      List<CatalogObject> objects = new ArrayList<>(live.descendants(d.id()));
      objects.add(live.get(d.id()));
      for (CatalogObject o : objects) {
        String privileges = o.attribute(Attribute.PRIVILEGES);
        if (privileges != null) {
          for (String entry : identifierList(privileges, true)) {
            roles.add(entry);
          }
        }
        String policyRoles = o.attribute(Attribute.ROLES);
        if (policyRoles != null) {
          roles.addAll(identifierList(policyRoles, false));
        }
      }
    }
    roles.removeIf(r -> r.equals("PUBLIC") || r.startsWith("pg_"));
    return roles;
  }

  /** The guarded {@code CREATE ROLE} block for {@code roles}; empty for none. */
  static String script(SortedSet<String> roles, IdentifierQuoting quoting) {
    if (roles.isEmpty()) {
      return "";
    }
    StringBuilder sql = new StringBuilder();
    sql.append(
        "-- Roles the statements below name, created NOLOGIN without a password where the cluster"
            + " lacks them.\n"
            + "-- Login roles and passwords are the operator's: create those (and memberships)"
            + " before applying this file.\n");
    for (String role : roles) {
      sql.append("DO $drydock$\nBEGIN\n")
          .append("  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '")
          .append(role.replace("'", "''"))
          .append("') THEN\n")
          .append("    CREATE ROLE ")
          .append(quoting.quote(role))
          .append(" NOLOGIN;\n")
          .append("  END IF;\nEND\n$drydock$;\n");
    }
    return sql.append('\n').toString();
  }

  /**
   * The names in a catalog list of quoted identifiers, {@code a, "B c"}; with {@code privileges},
   * entries are {@code grantee:PRIVILEGE} and the grantee is taken.
   */
  static List<String> identifierList(String text, boolean privileges) {
    List<String> names = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      StringBuilder name = new StringBuilder();
      if (text.charAt(i) == '"') {
        i++;
        while (i < n) {
          char c = text.charAt(i);
          if (c == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              name.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          name.append(c);
          i++;
        }
      } else {
        while (i < n && text.charAt(i) != ',' && !(privileges && text.charAt(i) == ':')) {
          name.append(text.charAt(i));
          i++;
        }
      }
      names.add(name.toString().strip());
      while (i < n && text.charAt(i) != ',') {
        i++;
      }
    }
    return names;
  }
}
