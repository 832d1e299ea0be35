package dev.drydock.lint.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.lint.LintReport;
import dev.drydock.lint.LiveRelation;
import dev.drydock.lint.rules.Finding;
import dev.drydock.lint.rules.LintRule;
import dev.drydock.lint.rules.Severity;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The report as SARIF 2.1.0 (GitHub code scanning): one run, the rules with their explanation and
 * safe rewrite, one result per finding located at its statement; allowed findings carry an
 * in-source suppression with the reason.
 */
public final class SarifReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SarifReport() {}

  /**
   * @param base the directory file locations are made relative to (the repository root, as code
   *     scanning expects)
   * @param version Drydock's version
   */
  public static String render(LintReport report, Path base, String version) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "drydock-lint");
    driver.put("version", version);
    ArrayNode rules = driver.putArray("rules");
    List<LintRule> all = report.rules();
    for (LintRule rule : all) {
      ObjectNode r = rules.addObject();
      r.put("id", rule.id());
      r.putObject("shortDescription").put("text", rule.summary());
      r.putObject("fullDescription").put("text", rule.explanation());
      r.putObject("help")
          .put("text", "Safe rewrite: " + rule.safeRewrite())
          .put("markdown", "**Safe rewrite:** " + rule.safeRewrite());
      r.putObject("defaultConfiguration").put("level", level(rule.severity()));
    }
    run.putObject("originalUriBaseIds")
        .putObject("SRCROOT")
        .put("uri", base.toAbsolutePath().normalize().toUri().toString());
    ArrayNode results = run.putArray("results");
    for (LintReport.Reported reported : report.findings()) {
      Finding f = reported.finding();
      ObjectNode result = results.addObject();
      result.put("ruleId", f.rule());
      int index = indexOf(all, f.rule());
      if (index >= 0) {
        result.put("ruleIndex", index);
      }
      result.put("level", level(f.severity()));
      result.putObject("message").put("text", message(reported));
      ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
      physical
          .putObject("artifactLocation")
          .put("uri", relative(base, f.file()))
          .put("uriBaseId", "SRCROOT");
      physical.putObject("region").put("startLine", Math.max(1, f.line()));
      if (reported.allowed()) {
        result
            .putArray("suppressions")
            .addObject()
            .put("kind", "inSource")
            .put("justification", reported.allowedBecause());
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message with the live sizes of the relations, as code scanning shows one text. */
  static String message(LintReport.Reported r) {
    StringBuilder text = new StringBuilder(r.finding().message());
    for (LiveRelation live : r.live()) {
      text.append("; ").append(live.name()).append(": ").append(live.describe());
    }
    return text.toString();
  }

  static String level(Severity severity) {
    return severity == Severity.ERROR ? "error" : "warning";
  }

  private static int indexOf(List<LintRule> rules, String id) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private static String relative(Path base, Path file) {
    Path b = base.toAbsolutePath().normalize();
    Path f = file.toAbsolutePath().normalize();
    Path rel = f.startsWith(b) ? b.relativize(f) : f;
    return rel.toString().replace('\\', '/');
  }
}
