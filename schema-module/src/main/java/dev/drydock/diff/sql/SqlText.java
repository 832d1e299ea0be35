package dev.drydock.diff.sql;

import java.util.regex.Pattern;

/**
 * The one way generated SQL writes free text: every line of a note is a {@code --} comment,
 * whatever the names it mentions contain. PostgreSQL ends a {@code --} comment at a line feed or a
 * carriage return, so both (and the Unicode line breaks an editor shows as one) start a new,
 * prefixed line. Identifiers are quoted by {@link dev.drydock.introspect.IdentifierQuoting}, the
 * one place that quotes names.
 */
public final class SqlText {

  /** Everything PostgreSQL, a SQL client or an editor may take for the end of a line. */
  private static final Pattern LINE_BREAK =
      Pattern.compile("\r\n|[\n\r\u000B\f\u0085\u2028\u2029]");

  private SqlText() {}

  /**
   * {@code text} as comment lines, each starting with {@code -- } (or {@code --} when empty),
   * separated by {@code \n}, without a final line break.
   */
  public static String comment(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : LINE_BREAK.split(text, -1)) {
      if (!sb.isEmpty()) {
        sb.append('\n');
      }
      sb.append(line.isEmpty() ? "--" : "-- " + line);
    }
    return sb.toString();
  }

  /** Whether {@code text} is a whole comment as {@link #comment} writes it: nothing in it runs. */
  public static boolean isComment(String text) {
    for (String line : LINE_BREAK.split(text, -1)) {
      if (!line.startsWith("--")) {
        return false;
      }
    }
    return true;
  }
}
