package dev.drydock.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionSchemeTest {

  private static final Clock NOON =
      Clock.fixed(Instant.parse("2026-03-04T12:00:00Z"), ZoneOffset.UTC);

  private static String nextAfter(String... fileNames) {
    List<Path> files = java.util.Arrays.stream(fileNames).map(Path::of).toList();
    return VersionScheme.next(VersionScheme.latest(files), NOON);
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
  void givenRepeatableAndOtherFiles_thenOnlyVersionedOnesCount() {
    assertThat(nextAfter("R__views.sql", "V2__a.sql", "notes.txt")).isEqualTo("3");
  }
}
