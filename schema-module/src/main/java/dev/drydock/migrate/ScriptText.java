package dev.drydock.migrate;

import java.util.regex.Pattern;

/** What a migration script's text says about how it must run, comments left out. */
final class ScriptText {

  private static final Pattern CONCURRENTLY =
      Pattern.compile("\\bconcurrently\\b", Pattern.CASE_INSENSITIVE);

  private static final Pattern NON_TRANSACTIONAL =
      Pattern.compile("\\b(concurrently|vacuum)\\b", Pattern.CASE_INSENSITIVE);

  private ScriptText() {}

  /** It has {@code CONCURRENTLY}: it waits forever behind Flyway's transactional lock. */
  static boolean usesConcurrently(String sql) {
    return CONCURRENTLY.matcher(withoutComments(sql)).find();
  }

  /** It has {@code CONCURRENTLY} or {@code VACUUM}: it runs outside a transaction. */
  static boolean runsOutsideTransaction(String sql) {
    return NON_TRANSACTIONAL.matcher(withoutComments(sql)).find();
  }

  private static String withoutComments(String sql) {
    return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
  }
}
