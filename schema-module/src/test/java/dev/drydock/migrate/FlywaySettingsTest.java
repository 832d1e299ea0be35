package dev.drydock.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlywaySettingsTest {

  @TempDir Path dir;

  @Test
  void givenAFlywayTomlThenItsFlywayTableIsReadInFlywayKeyNames() throws Exception {
    Path toml = dir.resolve("flyway.toml");
    Files.writeString(
        toml,
        "[environments.default]\nurl = \"jdbc:postgresql://example/db\"\n\n"
            + "[flyway]\nsqlMigrationPrefix = \"M\"\nsqlMigrationSuffixes = [\".sql\", \".pgsql\"]\n"
            + "locations = [\"filesystem:elsewhere\"]\n\n"
            + "[flyway.placeholders]\nowner = \"app\"\n\n"
            + "[flyway.postgresql]\ntransactional.lock = false\n");

    FlywaySettings settings = FlywaySettings.configure().defaultFileIn(dir).build();

    assertThat(settings.values())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "flyway.sqlMigrationPrefix", "M",
                "flyway.sqlMigrationSuffixes", ".sql,.pgsql",
                "flyway.placeholders.owner", "app",
                "flyway.postgresql.transactional.lock", "false"));
  }

  @Test
  void givenAConfEnvironmentAndExplicitSettingsThenLaterSourcesWin() throws Exception {
    Files.writeString(
        dir.resolve("flyway.conf"),
        "flyway.url=jdbc:postgresql://example/db\nflyway.sqlMigrationPrefix=C\nflyway.outOfOrder=true\n"
            + "flyway.group=true\n");

    FlywaySettings settings =
        FlywaySettings.configure()
            .defaultFileIn(dir)
            .environment(
                Map.of(
                    "FLYWAY_SQL_MIGRATION_PREFIX", "E",
                    "FLYWAY_OUT_OF_ORDER", "false",
                    "FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK", "false",
                    "FLYWAY_PLACEHOLDERS_OWNER", "app",
                    "FLYWAY_LICENSE_KEY", "ignored",
                    "PATH", "/bin"))
            .setting("sqlMigrationPrefix", "X")
            .build();

    assertThat(settings.values())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "flyway.sqlMigrationPrefix", "X",
                "flyway.outOfOrder", "false",
                "flyway.group", "true",
                "flyway.postgresql.transactional.lock", "false",
                "flyway.placeholders.owner", "app"));
  }

  @Test
  void givenAnUnknownKeyThenTheErrorNamesItAndWhereItCameFrom() throws Exception {
    assertThatThrownBy(() -> FlywaySettings.configure().setting("sqlMigrationPrefx", "M").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown Flyway setting: sqlMigrationPrefx");
    assertThatThrownBy(
            () ->
                FlywaySettings.configure().environment(Map.of("FLYWAY_NO_SUCH_THING", "1")).build())
        .hasMessage("Unknown Flyway setting: noSuchThing (from FLYWAY_NO_SUCH_THING)");
    Files.writeString(dir.resolve("flyway.toml"), "[flyway]\nmixd = true\n");
    assertThatThrownBy(() -> FlywaySettings.configure().defaultFileIn(dir).build())
        .hasMessage("Unknown Flyway setting: mixd (from flyway.toml)");
  }

  @Test
  void givenAValueFlywayRejectsThenTheErrorNamesKeyAndValue() {
    assertThatThrownBy(() -> FlywaySettings.configure().setting("outOfOrder", "sometimes").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid Flyway setting outOfOrder=sometimes: ");
  }
}
