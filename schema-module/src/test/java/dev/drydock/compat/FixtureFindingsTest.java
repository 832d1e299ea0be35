package dev.drydock.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drydock.engine.Target;
import dev.drydock.migrate.Migrations;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The compatibility findings of the target fixtures ({@code maven-plugin/src/it/target-dsql},
 * {@code maven-plugin/src/it/target-cockroachdb}, which the invoker builds through the goal), rule
 * by rule.
 */
class FixtureFindingsTest {

  private static Migrations fixture(String name) {
    Path fixtures =
        Path.of(System.getProperty("drydock.project.root"), "maven-plugin", "src", "it");
    return Migrations.configure().location(fixtures.resolve(name).resolve("migrations")).build();
  }

  @Test
  void dsqlFixtureHasItsForeignKeyAndItsUnboundedUpdate() {
    assertThat(CompatibilityCheck.statements(Target.DSQL, fixture("target-dsql")))
        .extracting(Finding::file, Finding::line, Finding::rule, Finding::severity)
        .containsExactly(
            tuple("V3__order_lines.sql", 3, "dsql-foreign-key", Severity.ERROR),
            tuple("V4__close_orders.sql", 1, "dsql-unbounded-data-migration", Severity.WARNING));
  }

  @Test
  void cockroachDbFixtureHasItsFourByteIntegerOnly() {
    assertThat(CompatibilityCheck.statements(Target.COCKROACHDB, fixture("target-cockroachdb")))
        .extracting(Finding::file, Finding::line, Finding::rule, Finding::severity)
        .containsExactly(tuple("V2__rides.sql", 7, "crdb-int-size", Severity.WARNING));
  }
}
