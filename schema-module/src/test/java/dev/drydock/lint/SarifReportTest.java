package dev.drydock.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.drydock.lint.report.SarifReport;
import dev.drydock.lint.rules.Finding;
import dev.drydock.lint.rules.Rules;
import dev.drydock.lint.rules.Severity;
import dev.drydock.testing.Fixtures;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code --format sarif} is SARIF 2.1.0, validated against the standard's JSON schema. */
class SarifReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Set<ValidationMessage> validate(String sarif) throws Exception {
    try (InputStream schema =
        Files.newInputStream(Fixtures.resource("lint/sarif/sarif-schema-2.1.0.json"))) {
      JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
      return s.validate(JSON.readTree(sarif));
    }
  }

  @Test
  void theReportIsValidSarifWithRulesLocationsSizesAndSuppressions() throws Exception {
    // given a report with a finding sized by the live database and an allowed one
    Path base = Path.of("/repo");
    Finding rewrite =
        new Finding(
            "table-rewrite",
            Severity.ERROR,
            "rewrites table public.orders (and its indexes) under ACCESS EXCLUSIVE lock",
            "V42__widen.sql",
            base.resolve("db/migration/V42__widen.sql"),
            3,
            "ALTER TABLE orders ALTER COLUMN total TYPE bigint",
            List.of("public.orders"));
    Finding timeout =
        new Finding(
            "lock-timeout",
            Severity.WARNING,
            "requests ACCESS EXCLUSIVE on public.orders with no lock_timeout",
            "V42__widen.sql",
            base.resolve("db/migration/V42__widen.sql"),
            3,
            "ALTER TABLE orders ALTER COLUMN total TYPE bigint",
            List.of("public.orders"));
    LintReport report =
        new LintReport(
            170006,
            "snapshot V1..V41",
            true,
            List.of(
                new LintReport.Migration(
                    "V42__widen.sql", base.resolve("db/migration/V42__widen.sql"), true, 1)),
            List.of(
                new LintReport.Reported(
                    rewrite,
                    List.of(
                        new LiveRelation("public.orders", 45_097_156_608L, 120_000_000, 3_400_000)),
                    null),
                new LintReport.Reported(timeout, List.of(), "the role sets lock_timeout")),
            Rules.ALL);

    // when it is rendered as SARIF
    String sarif = SarifReport.render(report, base, "0.1.0");

    // then the SARIF 2.1.0 schema accepts it
    assertThat(validate(sarif)).isEmpty();
    JsonNode run = JSON.readTree(sarif).get("runs").get(0);
    assertThat(run.get("tool").get("driver").get("rules")).hasSize(Rules.ALL.size());
    JsonNode first = run.get("results").get(0);
    assertThat(first.get("ruleId").asText()).isEqualTo("table-rewrite");
    assertThat(first.get("level").asText()).isEqualTo("error");
    assertThat(first.get("message").get("text").asText())
        .isEqualTo(
            "rewrites table public.orders (and its indexes) under ACCESS EXCLUSIVE lock;"
                + " public.orders: 42.0 GB, ~120.0M rows, 3.4M writes");
    JsonNode location = first.get("locations").get(0).get("physicalLocation");
    assertThat(location.get("artifactLocation").get("uri").asText())
        .isEqualTo("db/migration/V42__widen.sql");
    assertThat(location.get("region").get("startLine").asInt()).isEqualTo(3);
    JsonNode suppression = run.get("results").get(1).get("suppressions").get(0);
    assertThat(suppression.get("kind").asText()).isEqualTo("inSource");
    assertThat(suppression.get("justification").asText()).isEqualTo("the role sets lock_timeout");
  }

  @Test
  void theSchemaRejectsWhatIsNotSarif() throws Exception {
    // given SARIF with a result lacking its message (the validator must be able to fail)
    String broken =
        "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\"}},"
            + "\"results\":[{\"ruleId\":\"r\"}]}]}";

    // then
    assertThat(validate(broken)).isNotEmpty();
  }
}
