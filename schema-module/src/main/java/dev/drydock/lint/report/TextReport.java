package dev.drydock.lint.report;

import dev.drydock.lint.LintReport;
import dev.drydock.lint.LiveRelation;
import dev.drydock.lint.rules.Finding;
import dev.drydock.lint.rules.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report for people: grouped by migration and statement, each with {@code file:line}. */
public final class TextReport {

  private TextReport() {}

  /**
   * @param base files under it are shown relative to it (the working directory)
   */
  public static String render(LintReport report, Path base) {
    StringBuilder out = new StringBuilder();
    if (report.migrations().isEmpty()) {
      return "drydock lint: no new migrations\n";
    }
    out.append("drydock lint: ")
        .append(report.migrations().size())
        .append(" new migration(s), observed on PostgreSQL ")
        .append(report.major())
        .append(" (throwaway from ")
        .append(report.startedFrom())
        .append(")")
        .append(report.liveDatabase() ? ", sizes from the live database" : "")
        .append("\n");
    Map<String, List<LintReport.Reported>> byScript = new LinkedHashMap<>();
    report.migrations().forEach(m -> byScript.put(m.script(), new ArrayList<>()));
    List<LintReport.Reported> elsewhere = new ArrayList<>();
    for (LintReport.Reported r : report.findings()) {
      List<LintReport.Reported> list = byScript.get(r.finding().script());
      (list == null ? elsewhere : list).add(r);
    }
    for (LintReport.Migration m : report.migrations()) {
      out.append("\n")
          .append(m.script())
          .append(m.transactional() ? " (in a transaction, " : " (no transaction, ")
          .append(m.statements())
          .append(" statement(s))");
      List<LintReport.Reported> found = byScript.get(m.script());
      if (found.isEmpty()) {
        out.append(": nothing found\n");
        continue;
      }
      out.append("\n");
      statements(out, found, base);
    }
    if (!elsewhere.isEmpty()) {
      out.append("\nAllowances\n");
      statements(out, elsewhere, base);
    }
    out.append("\n").append(summary(report)).append("\n");
    return out.toString();
  }

  private static void statements(StringBuilder out, List<LintReport.Reported> found, Path base) {
    Map<Integer, List<LintReport.Reported>> byLine = new LinkedHashMap<>();
    found.stream()
        .sorted(Comparator.comparingInt(r -> r.finding().line()))
        .forEach(r -> byLine.computeIfAbsent(r.finding().line(), k -> new ArrayList<>()).add(r));
    for (List<LintReport.Reported> same : byLine.values()) {
      Finding first = same.get(0).finding();
      out.append("  ")
          .append(shown(base, first.file()))
          .append(first.line() > 0 ? ":" + first.line() : "");
      if (!first.statement().isEmpty()) {
        out.append("  ").append(first.statement());
      }
      out.append("\n");
      for (LintReport.Reported r : same) {
        Finding f = r.finding();
        out.append("    ")
            .append(r.allowed() ? "allowed" : f.severity().label())
            .append(" ".repeat(Math.max(1, 8 - (r.allowed() ? 7 : f.severity().label().length()))))
            .append(f.rule())
            .append(": ")
            .append(f.message())
            .append("\n");
        for (LiveRelation live : r.live()) {
          out.append("            ").append(live.name()).append(": ").append(live.describe());
          out.append("\n");
        }
        if (r.allowed()) {
          out.append("            allowed because: ")
              .append(r.allowedBecause().isBlank() ? "(no reason given)" : r.allowedBecause())
              .append("\n");
        }
      }
    }
  }

  /** {@code file} relative to {@code base} when under it. */
  static String shown(Path base, Path file) {
    Path b = base.toAbsolutePath().normalize();
    Path f = file.toAbsolutePath().normalize();
    return (f.startsWith(b) ? b.relativize(f) : f).toString();
  }

  /** {@code 3 error(s), 2 warning(s), 1 allowed}. */
  public static String summary(LintReport report) {
    long errors = count(report, Severity.ERROR);
    long warnings = count(report, Severity.WARNING);
    long allowed = report.findings().stream().filter(LintReport.Reported::allowed).count();
    return errors + " error(s), " + warnings + " warning(s), " + allowed + " allowed";
  }

  private static long count(LintReport report, Severity severity) {
    return report.findings().stream()
        .filter(r -> !r.allowed() && r.finding().severity() == severity)
        .count();
  }
}
