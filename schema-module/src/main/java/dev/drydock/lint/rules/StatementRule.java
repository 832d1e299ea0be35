package dev.drydock.lint.rules;

import dev.drydock.lint.observe.LockMode;
import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.ObservedStatement;
import dev.drydock.lint.observe.Relation;
import java.util.ArrayList;
import java.util.List;

/** A rule that looks at one statement at a time, with the facts most rules need. */
abstract class StatementRule implements LintRule {

  private final String id;
  private final Severity severity;
  private final String summary;
  private final String explanation;
  private final String safeRewrite;

  StatementRule(
      String id, Severity severity, String summary, String explanation, String safeRewrite) {
    this.id = id;
    this.severity = severity;
    this.summary = summary;
    this.explanation = explanation;
    this.safeRewrite = safeRewrite;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final Severity severity() {
    return severity;
  }

  @Override
  public final String summary() {
    return summary;
  }

  @Override
  public final String explanation() {
    return explanation;
  }

  @Override
  public final String safeRewrite() {
    return safeRewrite;
  }

  @Override
  public List<Finding> findings(ObservedMigration migration, LintContext context) {
    List<Finding> found = new ArrayList<>();
    for (ObservedStatement s : migration.statements()) {
      check(migration, s, context, found);
    }
    return found;
  }

  abstract void check(
      ObservedMigration migration, ObservedStatement s, LintContext context, List<Finding> found);

  Finding finding(
      ObservedMigration m, ObservedStatement s, String message, List<Relation> relations) {
    return new Finding(
        id,
        severity,
        message,
        m.script(),
        m.file(),
        s.line(),
        s.firstLine(),
        relations.stream().map(Relation::qualified).toList());
  }

  /** True when the relation existed before the new migrations. */
  static boolean existing(LintContext c, long oid) {
    return c.observation().existed(oid);
  }

  /** The lock held on the relation right after the statement; null when none was seen. */
  static LockMode lockAfter(ObservedStatement s, long oid) {
    return s.locksAfter().get(oid);
  }

  /** {@code ACCESS EXCLUSIVE lock (blocks reads and writes)}, for messages. */
  static String describe(LockMode mode) {
    if (mode == null) {
      return "a lock";
    }
    return mode.sql()
        + " lock"
        + (mode.blocksReads()
            ? " (blocks reads and writes)"
            : mode.blocksWrites() ? " (blocks writes)" : "");
  }

  /** ", held until the migration commits" when it ran in the migration's transaction. */
  static String untilCommit(ObservedStatement s) {
    return s.inTransaction() ? ", held until the migration commits" : "";
  }

  /** Indexes that exist after the statement and did not before it. */
  static List<Relation> createdIndexes(ObservedStatement s) {
    return s.after().relations().values().stream()
        .filter(Relation::isIndex)
        .filter(r -> s.before().relation(r.oid()) == null)
        .toList();
  }

  /** Existing relations whose data file the statement replaced. */
  static List<Relation> rewritten(ObservedStatement s, LintContext c) {
    return s.before().relations().values().stream()
        .filter(r -> existing(c, r.oid()))
        .filter(r -> s.after().rewroteSince(s.before(), r.oid()))
        .toList();
  }

  /** The statement's text, normalized, starts with one of {@code prefixes}. */
  static boolean startsWith(ObservedStatement s, String... prefixes) {
    String sql = s.normalizedSql();
    for (String p : prefixes) {
      if (sql.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
