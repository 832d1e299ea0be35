package dev.drydock.migrate.random;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential, on PostgreSQL: for seeded random histories under random mutations, the schema built
 * from migration snapshots is the schema a run without snapshots builds, and the catalog kept with
 * a snapshot equals a fresh introspection. Sized for the default build (1 seed, 3 steps each);
 * {@code -Ddrydock.differential.pgSeeds=N} for more, {@code -Ddrydock.differential.seed=N} to
 * replay one.
 */
class SnapshotDifferentialTest {

  private static final int STEPS = 3;
  private static final String KEY = "differential";

  /** The build's test cache: binaries and the empty cluster are shared with the other tests. */
  static final Path cache = ProviderSettings.defaultCacheDirectory();

  @TempDir Path root;

  @Test
  void givenRandomHistoriesAndMutations_thenSnapshotsBuildWhatAFullApplyBuilds() throws Exception {
    ProviderSettings provider =
        ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cache).build();
    String one = System.getProperty("drydock.differential.seed");
    int seeds = Integer.getInteger("drydock.differential.pgSeeds", 1);
    long first = one == null ? 101 : Long.parseLong(one);
    long last = one == null ? 100 + seeds : first;
    for (long seed = first; seed <= last; seed++) {
      RandomHistory history = new RandomHistory(seed, root.resolve("s" + seed));
      String context = "seed " + seed + " (replay: -Ddrydock.differential.seed=" + seed + ")";
      List<String> changes = new ArrayList<>();
      for (int step = 0; step <= STEPS; step++) {
        if (step > 0) {
          changes.add(history.mutate());
        }
        String at = context + ", after " + changes + ", files " + history.listing();
        Migrations migrations =
            Migrations.configure().location(history.dir()).settings(history.settings()).build();
        Catalog full;
        try (MigratedDatabase db =
            builder(provider, migrations, SnapshotSettings.disabled()).start()) {
          full = introspect(db);
        }
        MigratedDatabase.Builder snapshots =
            builder(
                provider,
                Migrations.configure().location(history.dir()).settings(history.settings()).build(),
                SnapshotSettings.defaults());
        Optional<Catalog> kept = snapshots.cachedCatalog(KEY);
        if (kept.isPresent()) {
          assertThat(kept.get().objects()).as(at + ": the kept catalog").isEqualTo(full.objects());
        }
        try (MigratedDatabase db = snapshots.start()) {
          Catalog fromSnapshot = introspect(db);
          assertThat(fromSnapshot.objects())
              .as(at + ": from " + db.startedFrom() + " vs a full apply")
              .isEqualTo(full.objects());
          db.keepCatalog(KEY, fromSnapshot);
        }
        Optional<Catalog> keptNow =
            builder(
                    provider,
                    Migrations.configure()
                        .location(history.dir())
                        .settings(history.settings())
                        .build(),
                    SnapshotSettings.defaults())
                .cachedCatalog(KEY);
        if (keptNow.isPresent()) {
          assertThat(keptNow.get().objects())
              .as(at + ": the catalog kept now")
              .isEqualTo(full.objects());
        }
      }
    }
  }

  private static MigratedDatabase.Builder builder(
      ProviderSettings provider, Migrations migrations, SnapshotSettings snapshots) {
    return MigratedDatabase.configure()
        .provider(provider)
        .migrations(migrations)
        .snapshots(snapshots);
  }

  private static Catalog introspect(MigratedDatabase db) throws Exception {
    try (Connection c = db.database().connect()) {
      return Introspector.configure().build().load(c, List.of("public"));
    }
  }
}
