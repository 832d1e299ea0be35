package dev.drydock.introspect;

/** Normalisation of the text the server returns (definitions, bodies, index DDL). */
final class PgText {

  private PgText() {}

  /** Collapses runs of whitespace to one space and trims, so layout never creates drift. */
  static String normaliseWhitespace(String s) {
    return s == null ? null : s.strip().replaceAll("\\s+", " ");
  }

  /** The parenthesised key list after {@code USING method} in an index definition. */
  static String keyList(String indexDef, String method) {
    String marker = " USING " + method + " (";
    int start = indexDef.indexOf(marker);
    if (start < 0) {
      return indexDef;
    }
    int i = start + marker.length();
    int depth = 1;
    boolean quoted = false;
    boolean literal = false;
    for (int j = i; j < indexDef.length(); j++) {
      char ch = indexDef.charAt(j);
      if (ch == '"' && !literal) {
        quoted = !quoted;
      } else if (ch == '\'' && !quoted) {
        literal = !literal;
      } else if (!quoted && !literal) {
        if (ch == '(') {
          depth++;
        } else if (ch == ')' && --depth == 0) {
          return indexDef.substring(i, j);
        }
      }
    }
    return indexDef.substring(i);
  }
}
