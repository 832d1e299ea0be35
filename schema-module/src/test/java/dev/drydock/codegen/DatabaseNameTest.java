package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;

/** Which jOOQ-meta runs: Drydock's by default, the project's own {@code <database><name>} wins. */
class DatabaseNameTest {

  private static final String STOCK = "org.jooq.meta.postgres.PostgresDatabase";

  @Test
  void withoutSettingsDrydocksPostgresDatabaseRuns() {
    assertThat(merged(JooqGeneratorSettings.none()))
        .isEqualTo("dev.drydock.codegen.meta.DrydockPostgresDatabase");
  }

  @Test
  void aDatabaseElementWithoutANameKeepsDrydocksPostgresDatabase() {
    // given: the project's own <database> with forced types, say, but no <name>
    JooqGeneratorSettings settings =
        JooqGeneratorSettings.of(new Generator().withDatabase(new Database().withIncludes("a.*")));

    // when / then
    assertThat(merged(settings)).isEqualTo(JooqGeneratorSettings.DRYDOCK);
  }

  @Test
  void theProjectsOwnNameForJooqsPostgresDatabaseWins() {
    JooqGeneratorSettings settings =
        JooqGeneratorSettings.of(new Generator().withDatabase(new Database().withName(STOCK)));

    assertThat(merged(settings)).isEqualTo(STOCK);
  }

  @Test
  void anotherDialectsDatabaseIsRefusedNamingIt() {
    JooqGeneratorSettings settings =
        JooqGeneratorSettings.of(
            new Generator().withDatabase(new Database().withName("org.jooq.meta.h2.H2Database")));

    assertThatThrownBy(() -> merged(settings))
        .isInstanceOf(CodegenException.class)
        .hasMessage(
            "The jOOQ <database><name> org.jooq.meta.h2.H2Database conflicts with Drydock's"
                + " PostgreSQL: remove it");
  }

  private static String merged(JooqGeneratorSettings settings) {
    Generator drydock =
        new Generator()
            .withDatabase(new Database().withName(JooqGeneratorSettings.DRYDOCK))
            .withTarget(new Target().withPackageName("org.example.db"));
    return settings.mergeInto(drydock, "flyway_schema_history").getDatabase().getName();
  }

  @Test
  void theDefaultNameIsDrydocksMetaClass() {
    // the name is a string so that the up-to-date path loads no jOOQ-meta class; it must still be
    // the class's own name
    assertThat(JooqGeneratorSettings.DRYDOCK)
        .isEqualTo(dev.drydock.codegen.meta.DrydockPostgresDatabase.class.getName());
  }
}
