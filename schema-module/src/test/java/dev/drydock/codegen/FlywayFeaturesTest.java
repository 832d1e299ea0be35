package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.testing.FlywayFeatureMigrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway features real projects use go through the pull workflow: repeatable migrations, SQL
 * callbacks, placeholders, several locations, a non-public schema and dotted versions.
 */
class FlywayFeaturesTest {

  @TempDir Path root;

  @Test
  void repeatableCallbackPlaceholdersTwoLocationsSchemaAndDottedVersionsAllGenerate()
      throws Exception {
    // given
    FlywayFeatureMigrations written = FlywayFeatureMigrations.writeUnder(root);
    Path core = written.core();
    Path extra = written.extra();
    Migrations migrations =
        Migrations.configure()
            .location(core)
            .location(extra)
            .schemas(List.of("shop"))
            .placeholder("prefix", "shop_")
            .build();
    Path output = root.resolve("generated");

    // when
    GenerationResult result =
        CodeGeneration.configure()
            .migrations(migrations)
            .packageName("com.example.shop")
            .outputDirectory(output)
            .provider(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build())
            .build()
            .run();

    // then: V1, V1.1 and the repeatable one were applied, in schema shop
    assertThat(result.migrations()).isEqualTo(3);
    Path tables = output.resolve("com/example/shop/tables");
    assertThat(tables.resolve("ShopItems.java")).isRegularFile();
    assertThat(tables.resolve("Notes.java")).isRegularFile();
    assertThat(tables.resolve("ItemNames.java")).isRegularFile();
    assertThat(output.resolve("com/example/shop/Shop.java")).isRegularFile();
    assertThat(Files.readString(tables.resolve("ShopItems.java")))
        .contains("set by the afterMigrate callback")
        .contains("DSL.name(\"shop_items\")");
    assertThat(tables.resolve("FlywaySchemaHistory.java")).doesNotExist();
  }
}
