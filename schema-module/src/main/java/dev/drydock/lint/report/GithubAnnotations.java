package dev.drydock.lint.report;

import dev.drydock.lint.LintReport;
import dev.drydock.lint.rules.Finding;
import java.nio.file.Path;

/**
 * The findings as GitHub Actions workflow commands ({@code ::error file=…,line=…::…}), printed when
 * {@code GITHUB_ACTIONS=true} so that they show on the pull request's diff. Allowed findings are
 * left out.
 */
public final class GithubAnnotations {

  private GithubAnnotations() {}

  public static String render(LintReport report, Path base) {
    StringBuilder out = new StringBuilder();
    for (LintReport.Reported r : report.findings()) {
      if (r.allowed()) {
        continue;
      }
      Finding f = r.finding();
      String path = TextReport.shown(base, f.file());
      out.append("::")
          .append(SarifReport.level(f.severity()))
          .append(" file=")
          .append(property(path))
          .append(f.line() > 0 ? ",line=" + f.line() : "")
          .append(",title=")
          .append(property("drydock lint " + f.rule()))
          .append("::")
          .append(data(SarifReport.message(r)))
          .append("\n");
    }
    return out.toString();
  }

  private static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
