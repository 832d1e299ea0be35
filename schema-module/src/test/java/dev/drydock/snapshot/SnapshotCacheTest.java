package dev.drydock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.files.FileTrees;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The snapshot cache under what goes wrong in real life: a writer killed half-way, a damaged
 * snapshot, a full cache, two builds at once. Real embedded clusters; the cache (binaries, empty
 * cluster) is shared by the class and each test starts with no snapshots.
 */
class SnapshotCacheTest {

  @TempDir static Path cache;
  @TempDir Path migrations;
  ProviderSettings provider;
  final List<String> log = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void emptySnapshotsAndThreeMigrations() throws IOException {
    FileTrees.deleteQuietly(cache.resolve("snapshots"));
    provider =
        ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cache).build();
    write("V1__status.sql", "create type status as enum ('new', 'done');\n");
    write("V2__tasks.sql", "create table ${t} (id int primary key, status status);\n");
    write("V3__index.sql", "create index on ${t} (status);\n");
  }

  @Test
  void givenTheStagingDirectoryOfAKilledWriter_whenRun_thenItIsNeverUsedAndTheNextSaveDeletesIt()
      throws Exception {
    Snapshot saved = applyAndClose("tasks", SnapshotSettings.defaults());
    Path complete = directory(saved);
    // killed after writing everything but before the rename: it even has its metadata
    Path staging = complete.resolveSibling(saved.key() + ".tmp-4711");
    Files.move(complete, staging);

    try (MigratedDatabase migrated = start("tasks", SnapshotSettings.defaults())) {
      assertThat(migrated.startedFrom()).isEqualTo("empty cluster");
      assertThat(migrated.applied()).isEqualTo(3);
    }

    assertThat(staging).doesNotExist();
    assertThat(children(complete.getParent())).containsExactly(saved.key());
    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::key)
        .containsExactly(saved.key());
  }

  @ParameterizedTest
  @ValueSource(strings = {"truncated", "emptied", "deleted"})
  void givenAnUnreadableSnapshot_whenRun_thenItIsDiscardedAndAFullApplySucceeds(String damage)
      throws Exception {
    Snapshot saved = applyAndClose("tasks", SnapshotSettings.defaults());
    Path archive = directory(saved).resolve(SnapshotCache.ARCHIVE);
    switch (damage) {
      case "truncated" -> {
        try (FileChannel file = FileChannel.open(archive, StandardOpenOption.WRITE)) {
          file.truncate(file.size() / 2);
        }
      }
      case "emptied" -> Files.write(archive, new byte[0]);
      default -> Files.delete(archive);
    }

    try (MigratedDatabase migrated = start("tasks", SnapshotSettings.defaults())) {
      assertThat(migrated.startedFrom()).isEqualTo("empty cluster");
      assertThat(migrated.applied()).isEqualTo(3);
      assertThat(log)
          .anyMatch(
              line ->
                  line.startsWith("The snapshot " + saved.key() + " could not be read, discarded"));
    }

    // the damaged one is gone and the full apply's good state took its place
    assertThat(Files.size(archive)).isPositive();
    try (MigratedDatabase again = start("tasks", SnapshotSettings.defaults())) {
      assertThat(again.startedFrom()).isEqualTo("snapshot V1..V3");
      assertThat(again.applied()).isZero();
    }
  }

  @Test
  void givenASnapshotThatDoesNotStart_whenRun_thenItIsDiscardedAndAFullApplySucceeds()
      throws Exception {
    Snapshot saved = applyAndClose("tasks", SnapshotSettings.defaults());
    // a readable archive whose cluster PostgreSQL refuses: another major version
    Path archive = directory(saved).resolve(SnapshotCache.ARCHIVE);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
      for (String[] entry : new String[][] {{"PG_VERSION", "9\n"}, {".drydock-deleted", ""}}) {
        byte[] bytes = entry[1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(entry[0]);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    // with the checksum of those bytes: the archive is intact, the cluster is what fails
    Path meta = directory(saved).resolve(SnapshotCache.META);
    String sha256 =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(archive)));
    Files.writeString(
        meta, Files.readString(meta).replaceAll("(?m)^sha256=.*$", "sha256=" + sha256));

    try (MigratedDatabase migrated = start("tasks", SnapshotSettings.defaults())) {
      assertThat(migrated.startedFrom()).isEqualTo("empty cluster");
      assertThat(migrated.applied()).isEqualTo(3);
      assertThat(log)
          .anyMatch(
              line -> line.startsWith("The snapshot " + saved.key() + " did not start, discarded"));
    }
    try (MigratedDatabase again = start("tasks", SnapshotSettings.defaults())) {
      assertThat(again.startedFrom()).isEqualTo("snapshot V1..V3");
    }
  }

  @Test
  void givenASnapshotOfAnotherTemplate_whenRun_thenItIsNotUsedAndIsDeleted() throws Exception {
    Snapshot saved = applyAndClose("tasks", SnapshotSettings.defaults());
    Path meta = directory(saved).resolve(SnapshotCache.META);
    Files.writeString(
        meta, Files.readString(meta).replaceAll("(?m)^template=.*$", "template=0123"));

    try (MigratedDatabase migrated = start("tasks", SnapshotSettings.defaults())) {
      assertThat(migrated.startedFrom()).isEqualTo("empty cluster");
    }
    assertThat(Files.readString(meta)).doesNotContain("template=0123");
  }

  @Test
  void givenAFullCache_whenANewSnapshotIsSaved_thenTheLeastRecentlyUsedIsEvicted()
      throws Exception {
    Snapshot a = applyAndClose("a", SnapshotSettings.defaults());
    Snapshot b = applyAndClose("b", SnapshotSettings.defaults());
    try (MigratedDatabase usedAgain = start("a", SnapshotSettings.defaults())) {
      assertThat(usedAgain.startedFrom()).isEqualTo("snapshot V1..V3");
    }
    // room for two and a half: saving a third evicts one, the least recently used (b, not a)
    long limit = a.sizeBytes() * 5 / 2;

    Snapshot c = applyAndClose("c", SnapshotSettings.configure().maxBytes(limit).build());

    List<Snapshot> left = SnapshotCache.at(cache).list();
    assertThat(left).extracting(Snapshot::key).containsExactly(c.key(), a.key());
    assertThat(directory(b)).doesNotExist();
    assertThat(left.stream().mapToLong(Snapshot::sizeBytes).sum()).isLessThanOrEqualTo(limit);
  }

  @Test
  void givenSnapshotsWithUnreadableMetadata_whenAnotherIsSavedOrTheCacheCleared_thenTheyAreDeleted()
      throws Exception {
    Snapshot a = applyAndClose("a", SnapshotSettings.defaults());
    Files.writeString(directory(a).resolve(SnapshotCache.META), "kind=\\u00zz\n");
    assertThat(SnapshotCache.at(cache).list()).isEmpty();

    Snapshot b = applyAndClose("b", SnapshotSettings.defaults());
    assertThat(directory(a)).doesNotExist();
    Files.writeString(directory(b).resolve(SnapshotCache.META), "");
    List<Snapshot> cleared = SnapshotCache.at(cache).clear();

    assertThat(cleared).isEmpty();
    assertThat(directory(b)).doesNotExist();
    assertThat(children(SnapshotCache.at(cache).directory())).containsExactly(".lock");
  }

  @Test
  void givenTwoRunsAtOnceOnOneCache_whenBothFinish_thenBothSucceedAndOneCompleteSnapshotIsLeft()
      throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(
            threads.submit(
                () -> {
                  together.await(60, TimeUnit.SECONDS);
                  try (MigratedDatabase migrated = start("tasks", SnapshotSettings.defaults())) {
                    together.await(60, TimeUnit.SECONDS); // both are migrated: both save at close
                    return migrated.applied();
                  }
                }));
      }
      for (Future<Integer> run : runs) {
        assertThat(run.get(120, TimeUnit.SECONDS)).isEqualTo(3);
      }
    } finally {
      threads.shutdownNow();
    }

    List<Snapshot> all = SnapshotCache.at(cache).list();
    assertThat(all).hasSize(1);
    assertThat(children(directory(all.get(0)).getParent())).containsExactly(all.get(0).key());
    try (MigratedDatabase next = start("tasks", SnapshotSettings.defaults())) {
      assertThat(next.startedFrom()).isEqualTo("snapshot V1..V3");
    }
  }

  // --- fixtures

  private void write(String name, String sql) throws IOException {
    Files.writeString(migrations.resolve(name), sql);
  }

  private MigratedDatabase start(String table, SnapshotSettings snapshots) {
    return MigratedDatabase.configure()
        .provider(provider)
        .migrations(
            Migrations.configure().location(migrations).placeholders(Map.of("t", table)).build())
        .snapshots(snapshots)
        .log(log::add)
        .start();
  }

  /** A full apply whose final state is saved; returns that snapshot. */
  private Snapshot applyAndClose(String table, SnapshotSettings snapshots) {
    List<String> before = SnapshotCache.at(cache).list().stream().map(Snapshot::key).toList();
    try (MigratedDatabase migrated = start(table, snapshots)) {
      assertThat(migrated.startedFrom()).isEqualTo("empty cluster");
    }
    List<Snapshot> added =
        SnapshotCache.at(cache).list().stream().filter(s -> !before.contains(s.key())).toList();
    assertThat(added).hasSize(1);
    return added.get(0);
  }

  private Path directory(Snapshot s) {
    return SnapshotCache.at(cache).directory().resolve(s.identity()).resolve(s.key());
  }

  private static List<String> children(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).toList();
    }
  }
}
