package dev.drydock.diff.sql;

import dev.drydock.diff.DiffResult;

/**
 * DDL that brings the live database to the migrations' state. Drops come first, in reverse
 * dependency order; then creations and alterations in dependency order ({@link
 * dev.drydock.introspect.ObjectKind} order), each kind's statements in {@link Step} order.
 * Statements that remove something existing only in the live database, or that may lose data (type
 * narrowing, enum value removal), are preceded by a {@code -- DESTRUCTIVE:} comment. Changes that
 * cannot be made safely by a statement are emitted as {@code -- MANUAL:} comments.
 */
public final class SqlRenderer {

  private SqlRenderer() {}

  /**
   * @param result the comparison, with both catalogs
   * @param actualLabel how to name the live database in the script's header (password-free)
   */
  public static String render(DiffResult result, String actualLabel) {
    StringBuilder sb = new StringBuilder();
    sb.append("-- Drydock: DDL that brings ")
        .append(actualLabel)
        .append(" to the state of the migrations.\n");
    if (!result.hasDrift()) {
      return sb.append("-- No drift: nothing to do.\n").toString();
    }
    sb.append("-- Review before running. Statements marked DESTRUCTIVE drop objects or data that")
        .append(" exist only in the live database.\n");
    return new Planner(result).plan().render(sb);
  }
}
