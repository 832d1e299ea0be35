package dev.drydock.bench.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PostgreSQL script into statements at the semicolons that end them: not inside a string
 * ({@code '...'} with {@code ''}, {@code E'...'} with backslash escapes), a quoted identifier
 * ({@code "..."}), a dollar-quoted body ({@code $$...$$}, {@code $fn$...$fn$}), a line comment or a
 * (nested) block comment. Comments before a statement stay with it; text after the last semicolon
 * that is only comments and blanks is dropped.
 */
public final class SqlStatements {
  private SqlStatements() {}

  /** The statements of {@code script}, each stripped and ending in its semicolon. */
  public static List<String> split(String script) {
    List<String> statements = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '\'') {
        boolean escapes = i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e');
        i = endOfString(script, i + 1, escapes);
      } else if (c == '"') {
        i = endOfQuoted(script, i + 1, '"');
      } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int eol = script.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        i = endOfBlockComment(script, i + 2);
      } else if (c == '$' && dollarTag(script, i) != null) {
        String tag = dollarTag(script, i);
        int close = script.indexOf(tag, i + tag.length());
        if (close < 0) {
          throw new IllegalArgumentException(
              "unterminated dollar quote " + tag + " at offset " + i);
        }
        i = close + tag.length();
      } else if (c == ';') {
        add(statements, script.substring(start, i + 1));
        start = ++i;
      } else {
        i++;
      }
    }
    String rest = script.substring(start);
    if (!onlyCommentsAndBlanks(rest)) {
      add(statements, rest);
    }
    return statements;
  }

  private static void add(List<String> statements, String text) {
    String stripped = text.strip();
    if (!stripped.equals(";") && !stripped.isEmpty()) {
      statements.add(stripped);
    }
  }

  /**
   * The tag ({@code $$} or {@code $name$}) opening a dollar quote at {@code i}, or null when the
   * {@code $} is something else (a parameter such as {@code $1}, or part of an identifier).
   */
  static String dollarTag(String s, int i) {
    if (i > 0 && isIdentifierPart(s.charAt(i - 1))) {
      return null; // e.g. a$b: part of an identifier
    }
    int j = i + 1;
    if (j < s.length() && Character.isDigit(s.charAt(j))) {
      return null;
    }
    while (j < s.length() && isIdentifierPart(s.charAt(j))) {
      j++;
    }
    return j < s.length() && s.charAt(j) == '$' ? s.substring(i, j + 1) : null;
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static int endOfString(String s, int i, boolean backslashEscapes) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == '\'') {
        if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated string literal");
  }

  private static int endOfQuoted(String s, int i, char quote) {
    while (i < s.length()) {
      if (s.charAt(i) == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("unterminated quoted identifier");
  }

  private static int endOfBlockComment(String s, int i) {
    int depth = 1;
    while (i < s.length() && depth > 0) {
      if (s.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (s.startsWith("*/", i)) {
        depth--;
        i += 2;
      } else {
        i++;
      }
    }
    if (depth > 0) {
      throw new IllegalArgumentException("unterminated block comment");
    }
    return i;
  }

  private static boolean onlyCommentsAndBlanks(String text) {
    return text.replaceAll("(?m)--.*$", "").replaceAll("(?s)/\\*.*?\\*/", "").isBlank();
  }
}
