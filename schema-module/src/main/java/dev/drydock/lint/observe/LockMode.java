package dev.drydock.lint.observe;

import java.util.Locale;

/** PostgreSQL's table-level lock modes, weakest first, as {@code pg_locks.mode} names them. */
public enum LockMode {
  ACCESS_SHARE,
  ROW_SHARE,
  ROW_EXCLUSIVE,
  SHARE_UPDATE_EXCLUSIVE,
  SHARE,
  SHARE_ROW_EXCLUSIVE,
  EXCLUSIVE,
  ACCESS_EXCLUSIVE;

  /** The mode {@code pg_locks.mode} calls {@code name}, e.g. {@code AccessExclusiveLock}. */
  public static LockMode fromPg(String name) {
    String base = name.endsWith("Lock") ? name.substring(0, name.length() - 4) : name;
    return valueOf(base.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
  }

  /** True when the mode makes {@code INSERT}, {@code UPDATE} and {@code DELETE} wait. */
  public boolean blocksWrites() {
    return compareTo(SHARE) >= 0;
  }

  /** True when the mode makes even {@code SELECT} wait. */
  public boolean blocksReads() {
    return this == ACCESS_EXCLUSIVE;
  }

  /** {@code ACCESS EXCLUSIVE}, as the documentation writes it. */
  public String sql() {
    return name().replace('_', ' ');
  }
}
