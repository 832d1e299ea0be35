package dev.drydock.dao.error;

import java.util.Locale;
import org.jooq.Delete;
import org.jooq.ExecuteContext;
import org.jooq.Insert;
import org.jooq.Merge;
import org.jooq.Query;
import org.jooq.Select;
import org.jooq.Update;

/**
 * What kind of statement failed. A foreign key violation ({@code 23503}) is classified by the
 * server's text ({@link ForeignKeyViolation}); the kind is its fallback when the server speaks
 * another language (a DELETE is still referenced, an UPDATE naming another table than the updated
 * one too, anything else points to a missing row).
 */
public enum StatementKind {
  INSERT,
  UPDATE,
  DELETE,
  MERGE,
  SELECT,
  /** DDL, procedure calls, COMMIT, or SQL whose kind is unknown. */
  OTHER;

  /**
   * The kind of the statement jOOQ executed. jOOQ's query model says it for DSL queries and batches
   * of them; only plain SQL strings fall back to their first keyword.
   */
  public static StatementKind of(ExecuteContext ctx) {
    Query query = ctx.query();
    if (query == null) {
      Query[] batch = ctx.batchQueries();
      query = batch.length > 0 ? batch[0] : null;
    }
    StatementKind kind = query == null ? OTHER : of(query);
    if (kind == OTHER) {
      String sql = ctx.sql();
      if (sql == null) {
        String[] batchSql = ctx.batchSQL();
        sql = batchSql.length > 0 ? batchSql[0] : null;
      }
      return ofSql(sql);
    }
    return kind;
  }

  /** The kind of a jOOQ query; {@link #OTHER} for plain SQL and DDL. */
  public static StatementKind of(Query query) {
    if (query instanceof Insert<?>) {
      return INSERT;
    } else if (query instanceof Update<?>) {
      return UPDATE;
    } else if (query instanceof Delete<?>) {
      return DELETE;
    } else if (query instanceof Merge<?>) {
      return MERGE;
    } else if (query instanceof Select<?>) {
      return SELECT;
    }
    return OTHER;
  }

  /** The kind of a SQL string, by its first keyword (leading whitespace and comments skipped). */
  static StatementKind ofSql(String sql) {
    if (sql == null) {
      return OTHER;
    }
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return switch (sql.substring(start, i).toLowerCase(Locale.ROOT)) {
      case "insert" -> INSERT;
      case "update" -> UPDATE;
      case "delete" -> DELETE;
      case "merge" -> MERGE;
      case "select", "values", "table" -> SELECT;
      default -> OTHER;
    };
  }
}
