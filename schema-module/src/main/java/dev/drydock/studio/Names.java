package dev.drydock.studio;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the name lists the catalog spells as SQL (a type name {@code public."Mood"}, enum labels
 * {@code 'a', 'it''s'}); and quotes identifiers for the studio's own statements (always quoted, so
 * any name from the catalog is exact).
 */
final class Names {

  private Names() {}

  /** {@code "name"}, with embedded quotes doubled. */
  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** {@code "schema"."name"}. */
  static String qualified(String schema, String name) {
    return quote(schema) + "." + quote(name);
  }

  /**
   * Every identifier in {@code text}, unquoted: bare words are folded as the server stores them
   * (they come from {@code quote_ident}, so they are already lower case); separators are dots,
   * commas, parentheses and spaces.
   */
  static List<String> identifiers(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch == '"') {
        StringBuilder name = new StringBuilder();
        i++;
        while (i < text.length()) {
          char c = text.charAt(i);
          if (c == '"') {
            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
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
        out.add(name.toString());
      } else if (Character.isLetterOrDigit(ch) || ch == '_' || ch == '$') {
        int start = i;
        while (i < text.length()
            && (Character.isLetterOrDigit(text.charAt(i))
                || text.charAt(i) == '_'
                || text.charAt(i) == '$')) {
          i++;
        }
        out.add(text.substring(start, i));
      } else {
        i++;
      }
    }
    return out;
  }

  /** The values of a {@code quote_literal} list such as {@code 'a', 'it''s'}. */
  static List<String> literals(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) != '\'') {
        i++;
        continue;
      }
      StringBuilder value = new StringBuilder();
      i++;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '\'') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
            value.append('\'');
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value.append(c);
        i++;
      }
      out.add(value.toString());
    }
    return out;
  }
}
