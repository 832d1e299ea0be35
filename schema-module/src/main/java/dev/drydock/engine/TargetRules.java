package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.compat.CatalogRule;
import dev.drydock.compat.Severity;
import dev.drydock.compat.StatementRule;
import dev.drydock.compat.TransactionRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one target's resource file {@code dev/drydock/engine/<target>.json} holds: the statement
 * rewrites for the throwaway and the compatibility rules (statement, transaction and catalog).
 * Immutable.
 */
public record TargetRules(
    String name,
    List<StatementRewrite> rewrites,
    List<StatementRule> statementRules,
    Optional<TransactionRule> oneDdlPerTransaction,
    Optional<TransactionRule> ddlWithDml,
    Optional<TransactionRule> dmlBeforeDdl,
    List<CatalogRule> catalogRules) {

  static final TargetRules NONE =
      new TargetRules(
          "PostgreSQL",
          List.of(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of());

  public TargetRules {
    rewrites = List.copyOf(rewrites);
    statementRules = List.copyOf(statementRules);
    catalogRules = List.copyOf(catalogRules);
  }

  static TargetRules load(String target) {
    String resource = target + ".json";
    try (InputStream in = TargetRules.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/drydock/engine/" + resource);
      }
      JsonNode root = new ObjectMapper().readTree(in);
      List<StatementRewrite> rewrites = new ArrayList<>();
      for (JsonNode r : root.path("rewrites")) {
        rewrites.add(
            new StatementRewrite(
                text(r, "id"),
                Pattern.compile(text(r, "pattern"), Pattern.MULTILINE),
                text(r, "replacement"),
                text(r, "explanation"),
                text(r, "source")));
      }
      List<StatementRule> statements = new ArrayList<>();
      for (JsonNode r : root.path("statementRules")) {
        statements.add(
            new StatementRule(
                text(r, "id"),
                severity(r),
                Pattern.compile(text(r, "pattern"), Pattern.MULTILINE),
                text(r, "construct"),
                text(r, "limit"),
                text(r, "link"),
                text(r, "alternative")));
      }
      List<CatalogRule> catalog = new ArrayList<>();
      for (JsonNode r : root.path("catalogRules")) {
        catalog.add(
            new CatalogRule(
                text(r, "id"),
                severity(r),
                text(r, "query"),
                text(r, "construct"),
                text(r, "limit"),
                text(r, "link"),
                text(r, "alternative")));
      }
      JsonNode tx = root.path("transactionRules");
      return new TargetRules(
          text(root, "name"),
          rewrites,
          statements,
          transactionRule(tx.path("oneDdlPerTransaction")),
          transactionRule(tx.path("ddlWithDml")),
          transactionRule(tx.path("dmlBeforeDdl")),
          catalog);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dev/drydock/engine/" + resource, e);
    }
  }

  private static Optional<TransactionRule> transactionRule(JsonNode r) {
    if (r.isMissingNode() || r.isNull()) {
      return Optional.empty();
    }
    return Optional.of(
        new TransactionRule(
            text(r, "id"), severity(r), text(r, "limit"), text(r, "link"), text(r, "alternative")));
  }

  private static Severity severity(JsonNode r) {
    return r.hasNonNull("severity") ? Severity.parse(r.get("severity").asText()) : Severity.ERROR;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalStateException("target rules: missing \"" + field + "\" in " + node);
    }
    return v.asText();
  }
}
