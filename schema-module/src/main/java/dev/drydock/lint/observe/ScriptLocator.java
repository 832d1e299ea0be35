package dev.drydock.lint.observe;

import java.util.Map;

/**
 * Finds the statements Flyway runs in the text of their migration file, in order, to name their
 * line: Flyway runs each statement as it is written, placeholders replaced.
 */
final class ScriptLocator {

  /** Where a statement is: 1-based lines of its first token and of its end. */
  record Location(int line, int endLine) {}

  private final String text;
  private int cursor;

  ScriptLocator(String raw, Map<String, String> placeholders, String prefix, String suffix) {
    String t = raw;
    for (Map.Entry<String, String> p : placeholders.entrySet()) {
      t = t.replace(prefix + p.getKey() + suffix, p.getValue());
    }
    this.text = t;
  }

  /** The location of {@code sql}, the next statement Flyway runs; null when it is not here. */
  Location next(String sql) {
    String s = sql.strip();
    if (s.isEmpty()) {
      return null;
    }
    int at = text.indexOf(s, cursor);
    int length = s.length();
    if (at < 0) {
      String first = firstCodeLine(s);
      at = first.isEmpty() ? -1 : text.indexOf(first, cursor);
      length = first.length();
    }
    if (at < 0) {
      return null;
    }
    int start = skipComments(at, at + length);
    cursor = at + length;
    return new Location(lineOf(start), lineOf(Math.max(start, cursor - 1)));
  }

  /** 1-based line of offset {@code at}. */
  int lineOf(int at) {
    int line = 1;
    for (int i = 0; i < at && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private int skipComments(int from, int to) {
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("--", i)) {
        int nl = text.indexOf('\n', i);
        i = nl < 0 ? to : nl + 1;
      } else if (text.startsWith("/*", i)) {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? to : close + 2;
      } else {
        return i;
      }
    }
    return from;
  }

  private static String firstCodeLine(String sql) {
    for (String line : sql.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("--")) {
        return l;
      }
    }
    return "";
  }
}
