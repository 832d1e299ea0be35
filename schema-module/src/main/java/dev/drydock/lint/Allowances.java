package dev.drydock.lint;

import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.ObservedStatement;
import dev.drydock.lint.rules.Finding;
import dev.drydock.lint.rules.LintRule;
import dev.drydock.lint.rules.Rules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Findings allowed on purpose: {@code -- drydock:allow <rule> <reason>} in a migration (in or right
 * above a statement: that statement; before the first statement: the whole file), and lines {@code
 * <rule> <script>[:<line>] <reason>} in the project's allowance file ({@code *} for any script). An
 * allowance without a reason, or one that allows nothing, is itself a finding.
 */
final class Allowances {

  private static final Pattern INLINE =
      Pattern.compile("--\\s*drydock:allow(?:\\s+(\\S+))?(?:\\s+(.*\\S))?\\s*$");

  /** One allowance: where it is written and what it allows. */
  record Allowance(
      String rule, String reason, Path source, int sourceLine, String script, int line) {
    boolean matches(Finding f) {
      return rule.equals(f.rule())
          && (script.equals("*") || script.equals(f.script()) || f.file().endsWith(script))
          && (line == 0 || line == f.line());
    }
  }

  /** A finding with the reason it is allowed, if it is. */
  record Judged(Finding finding, String allowedBecause) {}

  private final List<Allowance> allowances;

  private Allowances(List<Allowance> allowances) {
    this.allowances = List.copyOf(allowances);
  }

  /** The allowances written in the new migrations and in {@code file} (null: none). */
  static Allowances read(List<ObservedMigration> migrations, Path file) {
    List<Allowance> all = new ArrayList<>();
    for (ObservedMigration m : migrations) {
      inline(m, all);
    }
    if (file != null) {
      project(file, all);
    }
    return new Allowances(all);
  }

  private static void inline(ObservedMigration m, List<Allowance> all) {
    List<String> lines;
    try {
      lines = Files.readAllLines(m.file());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ObservedStatement> statements = m.statements();
    int first = statements.isEmpty() ? Integer.MAX_VALUE : statements.get(0).line();
    for (int i = 0; i < lines.size(); i++) {
      Matcher matcher = INLINE.matcher(lines.get(i));
      if (!matcher.find()) {
        continue;
      }
      int at = i + 1;
      int line = at < first ? 0 : statementAt(statements, at);
      all.add(
          new Allowance(
              orEmpty(matcher.group(1)),
              orEmpty(matcher.group(2)),
              m.file(),
              at,
              m.script(),
              line));
    }
  }

  /** The statement that contains {@code at}, else the next one below it. */
  private static int statementAt(List<ObservedStatement> statements, int at) {
    for (ObservedStatement s : statements) {
      if (s.line() <= at && at <= s.endLine()) {
        return s.line();
      }
    }
    for (ObservedStatement s : statements) {
      if (s.line() > at) {
        return s.line();
      }
    }
    return statements.get(statements.size() - 1).line();
  }

  private static void project(Path file, List<Allowance> all) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] parts = l.split("\\s+", 3);
      String where = parts.length > 1 ? parts[1] : "*";
      int colon = where.lastIndexOf(':');
      int line = 0;
      if (colon > 0 && where.substring(colon + 1).matches("\\d+")) {
        line = Integer.parseInt(where.substring(colon + 1));
        where = where.substring(0, colon);
      }
      all.add(new Allowance(parts[0], parts.length > 2 ? parts[2] : "", file, i + 1, where, line));
    }
  }

  /**
   * {@code findings} judged: each with the reason it is allowed, if any; plus a finding for each
   * allowance without a reason and each that allowed nothing.
   */
  List<Judged> judge(List<Finding> findings, List<LintRule> rules) {
    List<Judged> judged = new ArrayList<>();
    boolean[] used = new boolean[allowances.size()];
    for (Finding f : findings) {
      String reason = null;
      for (int i = 0; i < allowances.size(); i++) {
        if (allowances.get(i).matches(f)) {
          used[i] = true;
          reason = reason == null ? allowances.get(i).reason() : reason;
        }
      }
      judged.add(new Judged(f, reason));
    }
    for (int i = 0; i < allowances.size(); i++) {
      Allowance a = allowances.get(i);
      if (a.reason().isEmpty()) {
        judged.add(
            new Judged(
                bookkeeping(
                    Rules.ALLOW_WITHOUT_REASON,
                    a,
                    "the allowance of '" + a.rule() + "' gives no reason"),
                null));
      }
      if (!used[i]) {
        boolean known = Rules.find(rules, a.rule()).isPresent();
        judged.add(
            new Judged(
                bookkeeping(
                    Rules.UNUSED_ALLOWANCE,
                    a,
                    known
                        ? "the allowance of '" + a.rule() + "' matches no finding"
                        : "the allowance names no rule: '" + a.rule() + "'"),
                null));
      }
    }
    return judged;
  }

  private static Finding bookkeeping(LintRule rule, Allowance a, String message) {
    return new Finding(
        rule.id(),
        rule.severity(),
        message,
        a.source().getFileName().toString(),
        a.source(),
        a.sourceLine(),
        "",
        List.of());
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
