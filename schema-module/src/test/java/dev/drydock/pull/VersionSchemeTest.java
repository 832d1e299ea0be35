package dev.drydock.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.migrate.FlywaySettings;
import dev.drydock.migrate.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionSchemeTest {

  private static final Clock NOON =
      Clock.fixed(Instant.parse("2026-03-04T12:00:00Z"), ZoneOffset.UTC);

  private static String nextAfter(String... fileNames) {
    // the versions as the resolved list writes them: V1_2__a.sql -> 1_2
    List<String> written =
        java.util.Arrays.stream(fileNames)
            .map(name -> name.substring(1, name.indexOf("__")))
            .toList();
    return VersionScheme.next(VersionScheme.latest(written), NOON);
  }

  @Test
  void givenNoMigrations_thenTheFirstVersionIsOne() {
    assertThat(VersionScheme.next(Optional.empty(), NOON)).isEqualTo("1");
  }

  @Test
  void givenIntegerVersions_thenTheNextIncrementsTheHighestNumerically() {
    assertThat(nextAfter("V6__a.sql", "V10__b.sql", "V9__c.sql")).isEqualTo("11");
  }

  @Test
  void givenDottedOrUnderscoredVersions_thenTheLastPartIsIncremented() {
    assertThat(nextAfter("V1.2__a.sql", "V1.10__b.sql", "V1.9__c.sql")).isEqualTo("1.11");
    assertThat(nextAfter("V1_2__a.sql")).isEqualTo("1_3");
  }

  @Test
  void givenZeroPaddedVersions_thenThePaddingIsKept() {
    assertThat(nextAfter("V006__a.sql", "V005__b.sql")).isEqualTo("007");
  }

  @Test
  void givenTimestampVersions_thenTheNextIsNowInTheSameFormat() {
    assertThat(nextAfter("V20240102030405__a.sql")).isEqualTo("20260304120000");
    assertThat(nextAfter("V202401020304__a.sql")).isEqualTo("202603041200");
    assertThat(nextAfter("V20240102__a.sql")).isEqualTo("20260304");
  }

  @Test
  void givenATimestampAheadOfTheClock_thenTheNextIsOneMore() {
    assertThat(nextAfter("V20990102030405__a.sql")).isEqualTo("20990102030406");
  }

  @Test
  void givenRepeatableAndOtherFiles_thenOnlyVersionedOnesCount(@TempDir Path dir) throws Exception {
    // given
    for (String name : List.of("R__views.sql", "V2__a.sql", "notes.txt", "V9__upper.SQL")) {
      Files.writeString(dir.resolve(name), "select 1;\n");
    }
    Migrations migrations = Migrations.configure().location(dir).build();

    // when
    List<String> written = migrations.resolved().writtenVersions();

    // then: V9__upper.SQL is a migration Flyway runs
    assertThat(written).containsExactly("2", "9");
    assertThat(VersionScheme.next(VersionScheme.latest(written), NOON)).isEqualTo("10");
  }

  @Test
  void givenAConfiguredPrefix_thenItsVersionsAreTheOnesRead(@TempDir Path dir) throws Exception {
    // given: sqlMigrationPrefix=M, and a V file Flyway does not treat as versioned
    Files.writeString(dir.resolve("M4__a.sql"), "select 1;\n");
    Files.writeString(dir.resolve("M4_1__b.sql"), "select 1;\n");
    Migrations migrations =
        Migrations.configure()
            .location(dir)
            .settings(FlywaySettings.configure().setting("flyway.sqlMigrationPrefix", "M").build())
            .build();

    // when
    List<String> written = migrations.resolved().writtenVersions();

    // then
    assertThat(written).containsExactly("4", "4_1");
    assertThat(VersionScheme.next(VersionScheme.latest(written), NOON)).isEqualTo("4_2");
    assertThat(migrations.naming()).containsExactly("M", "__", ".sql");
  }
}
