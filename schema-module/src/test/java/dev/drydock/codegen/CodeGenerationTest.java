package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.migrate.MigrationException;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.Leftovers;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeGenerationTest {

  private static final ProviderSettings EMBEDDED =
      ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build();

  /** A provider that cannot start: using it proves no database was needed. */
  private static final ProviderSettings UNREACHABLE =
      ProviderSettings.configure()
          .kind(ProviderKind.EXTERNAL)
          .serverUrl("jdbc:postgresql://127.0.0.1:1/none")
          .build();

  @TempDir Path root;
  Path migrationsDir;
  Path output;

  @BeforeEach
  void writeMigrations() throws Exception {
    migrationsDir = Files.createDirectories(root.resolve("migrations"));
    output = root.resolve("out/jooq");
    Files.writeString(
        migrationsDir.resolve("V1__items.sql"),
        "create type color as enum ('red', 'green');\n"
            + "create table items (id serial primary key, color color not null,"
            + " lock_version int not null default 0);\n");
  }

  private CodeGeneration workflow(ProviderSettings provider) {
    return CodeGeneration.configure()
        .migrations(Migrations.configure().location(migrationsDir).build())
        .packageName("com.example.db")
        .outputDirectory(output)
        .provider(provider)
        .build();
  }

  @Test
  void firstRunGeneratesTablesRecordsAndEnumsAndStoresTheFingerprint() {
    GenerationResult result = workflow(EMBEDDED).run();

    assertThat(result.upToDate()).isFalse();
    assertThat(result.migrations()).isEqualTo(1);
    assertThat(result.database())
        .hasValueSatisfying(d -> assertThat(d).startsWith("embedded PostgreSQL"));
    assertThat(output.resolve("com/example/db/tables/Items.java")).isRegularFile();
    assertThat(output.resolve("com/example/db/tables/records/ItemsRecord.java")).isRegularFile();
    assertThat(output.resolve("com/example/db/enums/Color.java")).isRegularFile();
    assertThat(output.resolve(Fingerprint.FILE_NAME))
        .content()
        .startsWith(result.fingerprint().hash());
    assertThat(result.sourceFiles()).isEqualTo(Fingerprint.countSources(output));
  }

  @Test
  void unchangedMigrationsStartNoDatabase() {
    // given
    workflow(EMBEDDED).run();
    // when: a provider that cannot possibly start
    GenerationResult second = workflow(UNREACHABLE).run();
    // then
    assertThat(second.upToDate()).isTrue();
    assertThat(second.database()).isEmpty();
    assertThat(second.summary()).contains("no database started");
  }

  @Test
  void changedMigrationRegenerates() throws Exception {
    workflow(EMBEDDED).run();
    Files.writeString(
        migrationsDir.resolve("V2__more.sql"), "create table others (id bigint primary key);\n");

    GenerationResult result = workflow(EMBEDDED).run();

    assertThat(result.upToDate()).isFalse();
    assertThat(result.migrations()).isEqualTo(2);
    assertThat(output.resolve("com/example/db/tables/Others.java")).isRegularFile();
  }

  @Test
  void deletedOutputFileRegenerates() throws Exception {
    workflow(EMBEDDED).run();
    Files.delete(output.resolve("com/example/db/tables/Items.java"));

    GenerationResult result = workflow(EMBEDDED).run();

    assertThat(result.upToDate()).isFalse();
    assertThat(output.resolve("com/example/db/tables/Items.java")).isRegularFile();
  }

  @Test
  void forceRegeneratesEvenWhenUpToDate() {
    workflow(EMBEDDED).run();

    GenerationResult result =
        CodeGeneration.configure()
            .migrations(Migrations.configure().location(migrationsDir).build())
            .packageName("com.example.db")
            .outputDirectory(output)
            .provider(EMBEDDED)
            .force(true)
            .build()
            .run();

    assertThat(result.upToDate()).isFalse();
  }

  @Test
  void brokenMigrationFailsNamingFileAndLineKeepsPreviousOutputAndLeavesNothingRunning()
      throws Exception {
    // given
    workflow(EMBEDDED).run();
    String before = Files.readString(output.resolve("com/example/db/tables/Items.java"));
    Files.writeString(
        migrationsDir.resolve("V2__broken.sql"), "create table x (\n  id int,\n  oops\n);\n");
    Leftovers leftoversBefore = Leftovers.now();

    // when / then
    assertThatThrownBy(() -> workflow(EMBEDDED).run())
        .isInstanceOf(MigrationException.class)
        .hasMessage("V2__broken.sql:4: ERROR: syntax error at or near \")\" (SQLState 42601)");
    assertThat(Files.readString(output.resolve("com/example/db/tables/Items.java")))
        .isEqualTo(before);
    Leftovers.now().assertNothingNewSince(leftoversBefore);
    try (var siblings = Files.list(output.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("jooq");
    }
  }

  @Test
  void fingerprintDependsOnConfigurationNotJustFiles() {
    Fingerprint a = workflow(EMBEDDED).fingerprint();
    Fingerprint b =
        CodeGeneration.configure()
            .migrations(Migrations.configure().location(migrationsDir).build())
            .packageName("com.example.other")
            .outputDirectory(output)
            .build()
            .fingerprint();

    assertThat(a).isNotEqualTo(b);
    assertThat(workflow(EMBEDDED).fingerprint()).isEqualTo(a);
  }
}
