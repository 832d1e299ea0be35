package dev.drydock.dao.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PostgresTimestampsTest {

  @Test
  void parsesMicrosecondsAndAnHourOffset() {
    assertThat(PostgresTimestamps.parse("2026-11-25 02:28:07.123456+00"))
        .isEqualTo(OffsetDateTime.of(2026, 11, 25, 2, 28, 7, 123_456_000, ZoneOffset.UTC));
  }

  @Test
  void parsesWholeSecondsAndMinuteAndSecondOffsets() {
    assertThat(PostgresTimestamps.parse("1999-01-02 03:04:05+05:30"))
        .isEqualTo(OffsetDateTime.of(1999, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(5, 30)));
    assertThat(PostgresTimestamps.parse("1999-01-02 03:04:05.5-03:00:15"))
        .isEqualTo(
            OffsetDateTime.of(
                1999, 1, 2, 3, 4, 5, 500_000_000, ZoneOffset.ofHoursMinutesSeconds(-3, 0, -15)));
  }

  @Test
  void parsesBcDatesAsJooqDoesYearOneBcBeingYearZero() {
    assertThat(PostgresTimestamps.parse("0044-03-15 12:00:00+00 BC"))
        .isEqualTo(OffsetDateTime.of(-43, 3, 15, 12, 0, 0, 0, ZoneOffset.UTC));
    assertThat(PostgresTimestamps.parse("0001-12-31 21:29:08-03:30:52 BC"))
        .isEqualTo(
            OffsetDateTime.of(
                0, 12, 31, 21, 29, 8, 0, ZoneOffset.ofHoursMinutesSeconds(-3, -30, -52)));
  }

  @Test
  void parsesYearsPast9999() {
    assertThat(PostgresTimestamps.parse("12345-01-01 00:00:00.000001+00"))
        .isEqualTo(OffsetDateTime.of(12345, 1, 1, 0, 0, 0, 1_000, ZoneOffset.UTC));
  }

  @Test
  void leavesOtherFormsToTheCaller() {
    assertThat(PostgresTimestamps.parse("infinity")).isNull();
    assertThat(PostgresTimestamps.parse("-infinity")).isNull();
    assertThat(PostgresTimestamps.parse("999-01-01 00:00:00+00")).isNull();
    assertThat(PostgresTimestamps.parse("2026-11-25T02:28:07+00")).isNull();
    assertThat(PostgresTimestamps.parse("2026-11-25 02:28:07+00 AD")).isNull();
    assertThat(PostgresTimestamps.parse("2026-11-25 02:28:07")).isNull();
  }
}
