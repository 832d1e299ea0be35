package dev.drydock.introspect;

import java.util.Set;

/**
 * PostgreSQL's {@code quote_ident} in Java, so the catalog queries return raw names instead of
 * calling {@code quote_ident}/{@code format('%I')} once per row (a third of the column query's time
 * at 1,000 tables). Exact: the keywords are the server's own ({@code pg_get_keywords()}, all but
 * the unreserved ones) and {@code quote_all_identifiers} is honoured, as in the server's {@code
 * quote_identifier()}.
 */
public final class IdentifierQuoting {

  /** Quotes every name: always valid SQL, for catalogs that were not read from a server. */
  public static final IdentifierQuoting ALWAYS = new IdentifierQuoting(Set.of(), true);

  private final Set<String> keywords;
  private final boolean quoteAll;

  /**
   * @param keywords the words that must be quoted: the server's reserved, type/function-name and
   *     column-name keywords
   * @param quoteAll the server's {@code quote_all_identifiers}
   */
  IdentifierQuoting(Set<String> keywords, boolean quoteAll) {
    this.keywords = Set.copyOf(keywords);
    this.quoteAll = quoteAll;
  }

  /** The words quoted besides unsafe names. */
  Set<String> keywords() {
    return keywords;
  }

  /** The server's {@code quote_all_identifiers}. */
  boolean quoteAll() {
    return quoteAll;
  }

  /** {@code name} as {@code quote_ident(name)} would return it. */
  public String quote(String name) {
    if (!quoteAll && isSafe(name) && !keywords.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code format('%I.%I', schema, name)}. */
  public String qualified(String schema, String name) {
    return quote(schema) + "." + quote(name);
  }

  /** Lower-case letters, digits and underscores, not starting with a digit. */
  private static boolean isSafe(String name) {
    if (name.isEmpty()) {
      return false;
    }
    char first = name.charAt(0);
    if (!((first >= 'a' && first <= 'z') || first == '_')) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) {
        return false;
      }
    }
    return true;
  }
}
