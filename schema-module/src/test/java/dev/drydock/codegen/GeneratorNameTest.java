package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.codegen.writer.DrydockJavaGenerator;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;

/**
 * Which jOOQ writer runs: Drydock's by default, the project's own {@code <generator><name>} wins.
 */
class GeneratorNameTest {

  @Test
  void withoutSettingsDrydocksJavaGeneratorWrites() {
    assertThat(merged(JooqGeneratorSettings.none())).isEqualTo(DrydockJavaGenerator.NAME);
  }

  @Test
  void aGeneratorWithoutANameKeepsDrydocksJavaGenerator() {
    // given: the project's own <generator> with a strategy and a <database>, but no <name>
    JooqGeneratorSettings settings =
        JooqGeneratorSettings.of(
            new Generator()
                .withStrategy(new org.jooq.meta.jaxb.Strategy().withName("org.example.Naming"))
                .withDatabase(new Database().withName("org.jooq.meta.postgres.PostgresDatabase")));

    // when / then: Drydock's writer, and their database
    Generator merged = mergedGenerator(settings);
    assertThat(merged.getName()).isEqualTo(DrydockJavaGenerator.NAME);
    assertThat(merged.getDatabase().getName()).isEqualTo("org.jooq.meta.postgres.PostgresDatabase");
    assertThat(merged.getStrategy().getName()).isEqualTo("org.example.Naming");
  }

  @Test
  void theProjectsOwnGeneratorNameWins() {
    JooqGeneratorSettings settings =
        JooqGeneratorSettings.of(new Generator().withName("org.jooq.codegen.KotlinGenerator"));

    assertThat(merged(settings)).isEqualTo("org.jooq.codegen.KotlinGenerator");
  }

  @Test
  void theDefaultNameIsDrydocksGeneratorClass() {
    assertThat(DrydockJavaGenerator.NAME).isEqualTo(DrydockJavaGenerator.class.getName());
  }

  private static String merged(JooqGeneratorSettings settings) {
    return mergedGenerator(settings).getName();
  }

  private static Generator mergedGenerator(JooqGeneratorSettings settings) {
    Generator drydock =
        new Generator()
            .withName(DrydockJavaGenerator.NAME)
            .withDatabase(new Database().withName(JooqGeneratorSettings.DRYDOCK))
            .withTarget(new Target().withPackageName("org.example.db"));
    return settings.mergeInto(drydock, "flyway_schema_history");
  }
}
