package dev.drydock.engine;

import dev.drydock.compat.SqlScript;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One form of a target's DDL that PostgreSQL lacks, and its PostgreSQL equivalent: a regular
 * expression over a statement's code (comments and string literals are never rewritten) and its
 * replacement ({@code $1} for a group), why, and where the engine's documentation says so.
 */
public record StatementRewrite(
    String id, Pattern pattern, String replacement, String explanation, String source) {

  /** One rewrite made: the text matched and what replaced it. */
  record Change(String matched, String replacement) {}

  /**
   * {@code sql} rewritten, or {@code sql} itself (the same instance) when the form is absent; each
   * change is told to {@code changes}.
   *
   * @param masked {@code sql} as {@link SqlScript#mask(String)} gives it
   */
  String apply(String sql, String masked, Consumer<Change> changes) {
    Matcher m = pattern.matcher(masked);
    if (!m.find()) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length());
    int last = 0;
    do {
      String replaced = expand(sql, m);
      out.append(sql, last, m.start()).append(replaced);
      changes.accept(new Change(sql.substring(m.start(), m.end()), replaced));
      last = m.end();
    } while (m.find());
    return out.append(sql, last, sql.length()).toString();
  }

  /** The replacement with {@code $n} taken from {@code sql} at the group's place. */
  private String expand(String sql, Matcher m) {
    StringBuilder r = new StringBuilder();
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      if (c == '$'
          && i + 1 < replacement.length()
          && Character.isDigit(replacement.charAt(i + 1))) {
        int group = replacement.charAt(++i) - '0';
        if (m.start(group) >= 0) {
          r.append(sql, m.start(group), m.end(group));
        }
      } else {
        r.append(c);
      }
    }
    return r.toString();
  }
}
