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

  private static final SqlRenderer DEFAULT = configure().build();

  private final boolean renames;
  private final java.util.List<DeclaredRename> declaredRenames;

  private SqlRenderer(Builder b) {
    this.renames = b.renames;
    this.declaredRenames = b.declaredRenames;
  }

  /**
   * Whether the planner takes a column's type change from {@code from} to {@code to} as one that
   * never loses data (a widening); any other is marked destructive.
   */
  public static boolean widens(String from, String to) {
    return ColumnAlterations.isWidening(from, to);
  }

  public static Builder configure() {
    return new Builder();
  }

  /** {@link #script} with the default settings (renames detected). */
  public static String render(DiffResult result, String actualLabel) {
    return DEFAULT.script(result, actualLabel);
  }

  /**
   * @param result the comparison, with both catalogs
   * @param actualLabel how to name the live database in the script's header (password-free)
   */
  public String script(DiffResult result, String actualLabel) {
    StringBuilder sb = new StringBuilder();
    sb.append(
            SqlText.comment(
                "Drydock: DDL that brings " + actualLabel + " to the state of the migrations."))
        .append('\n');
    if (!result.hasDrift()) {
      return sb.append("-- No drift: nothing to do.\n").toString();
    }
    sb.append("-- Review before running. Statements marked DESTRUCTIVE drop objects or data that")
        .append(" exist only in the live database.\n");
    return plan(result).render(sb);
  }

  /** The statements that bring the live database to the migrations' state, in order. */
  public PlannedScript plan(DiffResult result) {
    return new Planner(result, renames, declaredRenames).plan().planned();
  }

  /** Fluent builder; every setter returns {@code this}. */
  public static final class Builder {
    private boolean renames = true;
    private java.util.List<DeclaredRename> declaredRenames;

    private Builder() {}

    /**
     * Only these renames are made, none detected: an object that differs only by name and is not
     * declared is dropped and created.
     */
    public Builder declaredRenames(java.util.List<DeclaredRename> renames) {
      this.declaredRenames = java.util.List.copyOf(renames);
      return this;
    }

    /**
     * Whether a table, column, index, constraint or enum value that differs only by name is renamed
     * (default, data kept) or dropped and created.
     */
    public Builder renames(boolean detect) {
      this.renames = detect;
      return this;
    }

    public SqlRenderer build() {
      return new SqlRenderer(this);
    }
  }
}
