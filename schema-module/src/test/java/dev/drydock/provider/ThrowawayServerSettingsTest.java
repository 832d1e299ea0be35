package dev.drydock.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedded throwaway's server settings that the start/apply phase's cost depends on (issue 25):
 * what a cluster deleted after the run can drop is off, and what was measured and rejected stays as
 * it is. See benchmarks/results/2026-12-06-apply-breakdown.md for the measurements.
 */
class ThrowawayServerSettingsTest {

  private static Map<String, String> show(ThrowawayDatabase db, List<String> names)
      throws SQLException {
    Map<String, String> values = new LinkedHashMap<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      for (String name : names) {
        try (ResultSet rs = st.executeQuery("SHOW " + name)) {
          rs.next();
          values.put(name, rs.getString(1));
        }
      }
    }
    return values;
  }

  @Test
  void givenTheEmbeddedThrowaway_whenItsSettingsAreShown_thenDurabilityIsOffAndWalLevelIsReplica()
      throws Exception {
    // given
    ProviderSettings settings = ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build();

    // when
    Map<String, String> values;
    try (ThrowawayDatabase db = ThrowawayDatabase.start(settings)) {
      values =
          show(
              db,
              List.of(
                  "fsync",
                  "synchronous_commit",
                  "full_page_writes",
                  "wal_recycle",
                  "min_wal_size",
                  "wal_level"));
    }

    // then: wal_level=minimal was measured and rejected: it WAL-logs every relation a migration
    // creates at its commit (55 MB instead of 26 MB of WAL for the 1,000-table migration, no less
    // server CPU)
    assertThat(values)
        .containsExactly(
            Map.entry("fsync", "off"),
            Map.entry("synchronous_commit", "off"),
            Map.entry("full_page_writes", "off"),
            Map.entry("wal_recycle", "off"),
            Map.entry("min_wal_size", "2MB"),
            Map.entry("wal_level", "replica"));
  }

  @Test
  void givenAServerParameterThatOverridesADefault_whenStarted_thenTheServerShowsTheOverride()
      throws Exception {
    // given
    ProviderSettings settings =
        ProviderSettings.configure()
            .kind(ProviderKind.EMBEDDED)
            .serverParameter("synchronous_commit", "on")
            .serverParameter("work_mem", "7MB")
            .build();

    // when
    Map<String, String> values;
    try (ThrowawayDatabase db = ThrowawayDatabase.start(settings)) {
      values = show(db, List.of("synchronous_commit", "work_mem", "fsync"));
    }

    // then
    assertThat(values)
        .containsExactly(
            Map.entry("synchronous_commit", "on"),
            Map.entry("work_mem", "7MB"),
            Map.entry("fsync", "off"));
  }
}
