package dev.drydock.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A migration's text cut into statements for the rules: comments, string literals, quoted
 * identifiers and dollar-quoted bodies masked by spaces (line breaks kept, so an offset in the
 * masked text is one in the file), statements cut at the semicolons left. Not a parser: enough to
 * find keywords where PostgreSQL would read them and give their line.
 */
public final class SqlScript {

  /** One statement: its offset in the file, its masked text. */
  record Statement(int offset, String masked) {

    /** The first keyword, upper case ({@code CREATE}, {@code INSERT}, ...), or empty. */
    String keyword() {
      String s = masked.stripLeading();
      int end = 0;
      while (end < s.length() && Character.isLetter(s.charAt(end))) {
        end++;
      }
      return s.substring(0, end).toUpperCase(Locale.ROOT);
    }

    boolean isEmpty() {
      return masked.isBlank();
    }
  }

  private final String text;
  private final String masked;

  SqlScript(String text) {
    this.text = text;
    this.masked = mask(text);
  }

  /** The statements, in order, blank ones left out. */
  List<Statement> statements() {
    List<Statement> result = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= masked.length(); i++) {
      if (i == masked.length() || masked.charAt(i) == ';') {
        Statement s = new Statement(start, masked.substring(start, i));
        if (!s.isEmpty()) {
          result.add(s);
        }
        start = i + 1;
      }
    }
    return result;
  }

  /** The 1-based line of {@code offset}. */
  int lineOf(int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The statement's first non-blank line as written, for messages. */
  String firstLine(Statement s, int from) {
    int start = from;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    int eol = text.indexOf('\n', start);
    String line = text.substring(start, eol < 0 ? text.length() : eol).strip();
    return line.length() > 100 ? line.substring(0, 100) + " …" : line;
  }

  /**
   * {@code sql} with comments, string literals and dollar-quoted bodies blanked (same length, line
   * breaks kept): what remains is what PostgreSQL reads as code.
   */
  public static String mask(String sql) {
    char[] out = sql.toCharArray();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        blank(out, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int depth = 0;
        int j = i;
        while (j < n) {
          if (sql.startsWith("/*", j)) {
            depth++;
            j += 2;
          } else if (sql.startsWith("*/", j)) {
            depth--;
            j += 2;
            if (depth == 0) {
              break;
            }
          } else {
            j++;
          }
        }
        blank(out, i, j);
        i = j;
      } else if (c == '\'') {
        boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
        int j = i + 1;
        while (j < n) {
          char d = sql.charAt(j);
          if (escapes && d == '\\') {
            j += 2;
          } else if (d == '\'' && j + 1 < n && sql.charAt(j + 1) == '\'') {
            j += 2;
          } else if (d == '\'') {
            break;
          } else {
            j++;
          }
        }
        blank(out, i + 1, Math.min(j, n));
        i = j + 1;
      } else if (c == '"') {
        int j = sql.indexOf('"', i + 1);
        j = j < 0 ? n : j;
        i = j + 1;
      } else if (c == '$' && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
        int close = sql.indexOf('$', i + 1);
        String tag = close < 0 ? null : sql.substring(i, close + 1);
        if (tag != null
            && tag.substring(1, tag.length() - 1).chars().allMatch(SqlScript::tagChar)) {
          int end = sql.indexOf(tag, close + 1);
          end = end < 0 ? n : end;
          blank(out, close + 1, end);
          i = Math.min(n, end + tag.length());
        } else {
          i++;
        }
      } else {
        i++;
      }
    }
    return new String(out);
  }

  private static boolean tagChar(int c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static void blank(char[] out, int from, int to) {
    for (int k = from; k < to && k < out.length; k++) {
      if (out[k] != '\n') {
        out[k] = ' ';
      }
    }
  }
}
