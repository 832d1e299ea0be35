package dev.drydock.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.migrate.FlywaySettings;
import dev.drydock.migrate.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codegen fingerprint covers the project's Flyway settings: changing one regenerates. */
class FlywaySettingsFingerprintTest {

  @TempDir Path dir;

  private Fingerprint fingerprint(Map<String, String> settings) {
    return CodeGeneration.configure()
        .migrations(
            Migrations.configure()
                .location(dir)
                .settings(FlywaySettings.configure().settings(settings).build())
                .build())
        .packageName("com.example.db")
        .build()
        .fingerprint();
  }

  @Test
  void givenADifferentFlywaySettingThenTheFingerprintDiffers() throws Exception {
    Files.writeString(dir.resolve("M1__items.sql"), "create table items (id int);\n");

    Fingerprint plain = fingerprint(Map.of());
    Fingerprint prefixed = fingerprint(Map.of("sqlMigrationPrefix", "M"));
    Fingerprint prefixedAgain = fingerprint(Map.of("flyway.sqlMigrationPrefix", "M"));
    Fingerprint placeholder = fingerprint(Map.of("placeholders.owner", "app"));

    assertThat(prefixed).isNotEqualTo(plain).isEqualTo(prefixedAgain);
    assertThat(placeholder).isNotEqualTo(plain).isNotEqualTo(prefixed);
  }
}
