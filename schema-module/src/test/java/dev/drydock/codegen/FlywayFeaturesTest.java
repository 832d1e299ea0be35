package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
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
    Path core = Files.createDirectories(root.resolve("core"));
    Path extra = Files.createDirectories(root.resolve("extra"));
    Files.writeString(
        core.resolve("V1__items.sql"),
        "create table ${prefix}items (id int primary key, name text not null);\n");
    Files.writeString(
        extra.resolve("V1.1__notes.sql"),
        "create table notes (id int primary key, item_id int references ${prefix}items (id));\n");
    Files.writeString(
        core.resolve("R__item_names.sql"),
        "create or replace view item_names as select name from ${prefix}items;\n");
    Files.writeString(
        core.resolve("afterMigrate.sql"),
        "comment on table ${prefix}items is 'set by the afterMigrate callback';\n");
    Migrations migrations =
        Migrations.configure()
            .location(core)
            .location(extra)
            .schemas(List.of("shop"))
            .placeholder("prefix", "shop_")
            .load();
    Path output = root.resolve("generated");

    // when
    GenerationResult result =
        PullWorkflow.configure()
            .migrations(migrations)
            .packageName("com.example.shop")
            .outputDirectory(output)
            .provider(ProviderSettings.builder().kind(ProviderKind.EMBEDDED).build())
            .load()
            .run();

    // then: V1, V1.1 and the repeatable one were applied, in schema shop
    assertThat(result.migrationsApplied()).isEqualTo(3);
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
