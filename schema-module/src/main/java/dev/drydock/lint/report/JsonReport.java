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
import java.io.UncheckedIOException;

/**
 * The report for programs, versioned by its {@code format} field ({@value #FORMAT}); documented in
 * the README's lint section. Additions keep the version; a removal or change of meaning bumps it.
 */
public final class JsonReport {

  public static final String FORMAT = "drydock-lint/1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String render(LintReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("postgresMajor", report.migrations().isEmpty() ? 0 : report.major());
    root.put("startedFrom", report.startedFrom());
    root.put("liveDatabase", report.liveDatabase());
    ArrayNode migrations = root.putArray("migrations");
    for (LintReport.Migration m : report.migrations()) {
      migrations
          .addObject()
          .put("script", m.script())
          .put("file", m.file().toString())
          .put("transactional", m.transactional())
          .put("statements", m.statements());
    }
    ArrayNode findings = root.putArray("findings");
    for (LintReport.Reported r : report.findings()) {
      Finding f = r.finding();
      ObjectNode n = findings.addObject();
      n.put("rule", f.rule());
      n.put("severity", f.severity().label());
      n.put("message", f.message());
      n.put("script", f.script());
      n.put("file", f.file().toString());
      n.put("line", f.line());
      n.put("statement", f.statement());
      ArrayNode relations = n.putArray("relations");
      for (String name : f.relations()) {
        ObjectNode rel = relations.addObject().put("name", name);
        r.live().stream()
            .filter(l -> l.name().equals(name))
            .findFirst()
            .ifPresent(l -> live(rel.putObject("live"), l));
      }
      if (r.allowed()) {
        n.put("allowedBecause", r.allowedBecause());
      } else {
        n.putNull("allowedBecause");
      }
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("errors", count(report, "error"));
    summary.put("warnings", count(report, "warning"));
    summary.put("allowed", report.findings().stream().filter(LintReport.Reported::allowed).count());
    ArrayNode rules = root.putArray("rules");
    for (LintRule rule : report.rules()) {
      rules
          .addObject()
          .put("id", rule.id())
          .put("severity", rule.severity().label())
          .put("summary", rule.summary());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void live(ObjectNode n, LiveRelation l) {
    n.put("bytes", l.bytes());
    n.put("estimatedRows", l.estimatedRows());
    n.put("writes", l.writes());
  }

  private static long count(LintReport report, String severity) {
    return report.findings().stream()
        .filter(r -> !r.allowed() && r.finding().severity().label().equals(severity))
        .count();
  }
}
