package dev.drydock.diff.sql;

import java.util.List;

/**
 * The planned statements in the order they run, and the one way they are written as SQL text
 * ({@code diff --format sql} and {@code pull} both write through {@link #write}): notes and
 * destructive warnings as {@link SqlText#comment comment lines}, statements as planned.
 */
public final class PlannedScript {

  /**
   * One planned change.
   *
   * @param note what to tell the reader before it (plain text, may hold any name), or null
   * @param sql the statement(s), each ending with {@code ;}; null for a change that needs manual
   *     work, described by {@code note}
   * @param destructive why it may drop objects or data (plain text), or null
   */
  public record Entry(String note, String sql, String destructive) {
    /** A change no statement makes: only its note is written. */
    public boolean manual() {
      return sql == null;
    }
  }

  private final List<Entry> entries;

  PlannedScript(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  /**
   * Appends one entry: a blank line, the destructive warning and the note as comment lines, then
   * the statement, commented out line by line when {@code commentOut}.
   *
   * @param destructive the warning's text as written (the caller may rephrase the entry's)
   */
  public static void write(StringBuilder sb, Entry e, String destructive, boolean commentOut) {
    sb.append('\n');
    if (destructive != null) {
      sb.append(SqlText.comment("DESTRUCTIVE: " + destructive)).append('\n');
    }
    if (e.note() != null) {
      sb.append(SqlText.comment(e.note())).append('\n');
    }
    if (e.sql() != null) {
      sb.append(commentOut ? SqlText.comment(e.sql()) : e.sql()).append('\n');
    }
  }

  /** Every entry in one transaction, function bodies checked only when called. */
  String render(StringBuilder sb) {
    sb.append("SET check_function_bodies = false;\n");
    sb.append("BEGIN;\n");
    for (Entry e : entries) {
      write(sb, e, e.destructive(), false);
    }
    sb.append("\nCOMMIT;\n");
    return sb.toString();
  }
}
