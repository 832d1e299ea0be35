package dev.drydock.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.introspect.CatalogSql.Parameter;
import org.junit.jupiter.api.Test;

class CatalogSqlTest {

  @Test
  void namedParametersBecomePlaceholdersInOrderAndCastsAreLeftAlone() {
    CatalogSql sql =
        CatalogSql.parse(
            "q",
            "SELECT 'pg_class'::regclass FROM t WHERE n = ANY(:schemas) AND r <> :history_table"
                + " AND m = ANY(:schemas)");

    assertThat(sql.sql())
        .isEqualTo("SELECT 'pg_class'::regclass FROM t WHERE n = ANY(?) AND r <> ? AND m = ANY(?)");
    assertThat(sql.parameters())
        .containsExactly(Parameter.SCHEMAS, Parameter.HISTORY_TABLE, Parameter.SCHEMAS);
  }

  @Test
  void everyCatalogQueryIsAResourceThatAsksForTheSchemas() {
    for (String name :
        new String[] {
          "schemas",
          "extensions",
          "types",
          "functions",
          "sequences",
          "relations",
          "columns",
          "constraints",
          "indexes",
          "triggers",
          "policies"
        }) {
      CatalogSql sql = CatalogSql.load(name);
      assertThat(sql.name()).isEqualTo(name);
      assertThat(sql.parameters()).as(name).contains(Parameter.SCHEMAS);
      assertThat(sql.sql()).as(name).doesNotContain(":schemas", ":history_table");
    }
  }
}
