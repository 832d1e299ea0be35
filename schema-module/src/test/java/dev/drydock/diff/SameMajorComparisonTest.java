package dev.drydock.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.migrate.Migrations;
import dev.drydock.provider.BinariesArtifact;
import dev.drydock.provider.MavenBinaries;
import dev.drydock.provider.PostgresVersion;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import dev.drydock.testing.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison service on live servers of other majors than the bundled 17: the throwaway runs
 * the live server's major by default, so server-deparsed text (views, defaults, checks, index
 * expressions, policies, privilege sets) shows no false drift; kept catalogs are never shared
 * between majors.
 */
@Tag("reliability") // starts live 15 and 18 servers and throwaways of both: about 50 s under load
class SameMajorComparisonTest {

  private static final Path MIGRATIONS = Fixtures.resource("versions/deparsed");

  @TempDir static Path cache;
  private static ThrowawayDatabase live15;
  private static ThrowawayDatabase live18;

  @BeforeAll
  static void liveServersOf15And18MigratedWithTheSameFiles() {
    live15 = liveServer("15.14.0");
    live18 = liveServer("18.1.0");
  }

  @AfterAll
  static void stopLiveServers() {
    if (live15 != null) {
      live15.close();
    }
    if (live18 != null) {
      live18.close();
    }
  }

  @Test
  void givenALive15_whenComparedWithDefaultSettings_thenTheThrowawayRuns15AndThereIsNoDrift()
      throws Exception {
    // given a live PostgreSQL 15 with the migrations applied
    // when compared with no version chosen
    Comparison compared = compare(live15, Optional.empty(), SnapshotSettings.disabled());

    // then the throwaway ran 15 too and nothing differs
    assertThat(compared.liveVersion()).isEqualTo("15.14");
    assertThat(compared.expectedVersion()).contains("15.14");
    assertThat(compared.mismatch()).isEmpty();
    assertThat(compared.result().differences()).isEmpty();
    assertThat(compared.result().expected().size()).isGreaterThan(10);
  }

  @Test
  void givenALive18_whenComparedWithDefaultSettings_thenTheThrowawayRuns18AndThereIsNoDrift()
      throws Exception {
    Comparison compared = compare(live18, Optional.empty(), SnapshotSettings.disabled());

    assertThat(compared.liveVersion()).isEqualTo("18.1");
    assertThat(compared.expectedVersion()).contains("18.1");
    assertThat(compared.mismatch()).isEmpty();
    assertThat(compared.result().differences()).isEmpty();
  }

  @Test
  void givenAKeptCatalogOf15_whenA18IsCompared_thenItIsNotReusedAndEachMajorKeepsItsOwn()
      throws Exception {
    // given the catalog kept by a comparison on 15
    Comparison first15 = compare(live15, Optional.empty(), SnapshotSettings.defaults());
    Comparison again15 = compare(live15, Optional.empty(), SnapshotSettings.defaults());
    assertThat(first15.source()).contains("embedded PostgreSQL 15.14");
    assertThat(again15.source()).startsWith("the catalog kept with their snapshot");

    // when the same migrations are compared with a live 18
    Comparison first18 = compare(live18, Optional.empty(), SnapshotSettings.defaults());

    // then a throwaway 18 was started (the 15 catalog is another key), and kept its own
    assertThat(first18.source()).contains("embedded PostgreSQL 18.1");
    assertThat(first18.expectedVersion()).contains("18.1");
    assertThat(first18.result().differences()).isEmpty();
    Comparison again18 = compare(live18, Optional.empty(), SnapshotSettings.defaults());
    assertThat(again18.source()).startsWith("the catalog kept with their snapshot");
    assertThat(again18.expectedVersion()).contains("18.1");
  }

  @Test
  void givenALive15_whenTheThrowawayIsForced18_thenTheMismatchIsSaidAndThereIsNoFalseDrift()
      throws Exception {
    // given a live PostgreSQL 15: view definitions, defaults, checks, index expressions, policies
    // and GRANT ALL (which 17 widened with MAINTAIN) print differently on 18
    // when the throwaway is forced to 18
    Comparison compared =
        compare(live15, Optional.of(PostgresVersion.parse("18")), SnapshotSettings.disabled());

    // then the versions are said to differ, and none of that text is drift
    assertThat(compared.expectedVersion()).contains("18.1");
    assertThat(compared.mismatch())
        .contains(
            "PostgreSQL versions differ: the migrations ran on 18.1, the live database runs 15.14;"
                + " server-deparsed text of the live side was re-read on the throwaway"
                + " (see Not compared)");
    assertThat(compared.alsoNotCompared()).hasSize(1);
    assertThat(compared.result().differences())
        .as(
            () ->
                compared.result().differences().stream()
                    .map(Difference::describe)
                    .toList()
                    .toString())
        .isEmpty();
  }

  @Test
  void givenALive15AndAForced18_whenATableReallyDiffers_thenThatIsStillDrift() throws Exception {
    // given a real difference on the live 15 besides the deparsed text
    try (Connection c = live15.connect()) {
      c.createStatement()
          .execute("ALTER TABLE lineage_events ALTER COLUMN kind SET DEFAULT 'view'");
    }
    try {
      // when compared on a forced 18
      Comparison compared =
          compare(live15, Optional.of(PostgresVersion.parse("18")), SnapshotSettings.disabled());

      // then exactly that default is drift
      assertThat(compared.result().differences())
          .extracting(Difference::describe)
          .containsExactly(
              "CHANGED column public.lineage_events.kind default: expected 'click'::text, actual"
                  + " 'view'::text");
    } finally {
      try (Connection c = live15.connect()) {
        c.createStatement()
            .execute("ALTER TABLE lineage_events ALTER COLUMN kind SET DEFAULT 'click'");
      }
    }
  }

  static Comparison compare(
      ThrowawayDatabase live, Optional<PostgresVersion> version, SnapshotSettings snapshots)
      throws Exception {
    try (Connection c = live.connect()) {
      return MigrationsComparison.configure()
          .migrations(Migrations.configure().location(MIGRATIONS).build())
          .provider(
              ProviderSettings.configure()
                  .kind(ProviderKind.EMBEDDED)
                  .cacheDirectory(cache)
                  .build())
          .snapshots(snapshots)
          .postgresVersion(version)
          .build()
          .compare(c);
    }
  }

  static ThrowawayDatabase liveServer(String version) {
    Path jar = MavenBinaries.fromUserSettings().jar(BinariesArtifact.forThisPlatform(version));
    ThrowawayDatabase db =
        ThrowawayDatabase.start(
            ProviderSettings.configure()
                .kind(ProviderKind.EMBEDDED)
                .postgresBinaries(jar)
                .cacheDirectory(cache)
                .build());
    Migrations.configure().location(MIGRATIONS).build().migrate(db.dataSource());
    return db;
  }
}
