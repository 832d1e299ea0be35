package dev.drydock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.drydock.codegen.CodeGeneration;
import dev.drydock.files.FileContents;
import dev.drydock.files.FileTrees;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a run that started from a snapshot saves its final state: only where applying the rest took
 * at least {@link SnapshotSettings#minTailTime()}, or something is kept with it, or a save is asked
 * for. The thresholds here are zero or an hour, so no machine's speed decides a test.
 */
class FinalSnapshotPolicyTest {

  @TempDir static Path cache;

  @TempDir Path root;
  Path migrations;
  ProviderSettings provider;
  final List<String> log = new ArrayList<>();

  @BeforeEach
  void writeHistory() throws IOException {
    migrations = Files.createDirectories(root.resolve("migrations"));
    FileTrees.deleteQuietly(cache.resolve("snapshots"));
    provider =
        ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cache).build();
    write(
        "V1__tasks.sql",
        "create table tasks (id bigint generated always as identity primary key,"
            + " title text not null);\n");
    write("V2__notes.sql", "create table notes (id serial primary key, body text);\n");
  }

  @Test
  void
      givenAFinalSnapshot_whenACheapDataOnlyMigrationIsAdded_thenNoNewSnapshotAndSameOutputNextRun()
          throws Exception {
    SnapshotSettings cheap = SnapshotSettings.configure().minTailTime(Duration.ofHours(1)).build();
    start(cheap).close();
    write("V3__seed.sql", "insert into tasks (title) values ('first'), ('second');\n");

    try (MigratedDatabase added = start(cheap)) {
      assertThat(added.startedFrom()).isEqualTo("snapshot V1..V2");
      assertThat(added.applied()).isEqualTo(1);
      assertThat(added.savesOnClose()).isTrue();
    }
    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::kind, Snapshot::range)
        .containsExactly(tuple(Snapshot.Kind.FINAL, "V1..V2"));
    assertThat(log).anyMatch(line -> line.startsWith("Not saving the snapshot of V1..V3"));

    try (MigratedDatabase next = start(cheap)) {
      assertThat(next.startedFrom()).isEqualTo("snapshot V1..V2");
      assertThat(next.applied()).isEqualTo(1);
      assertThat(MigratedStates.count(next, "select count(*) from tasks")).isEqualTo(2);
      assertThat(MigratedStates.count(next, "select count(*) from flyway_schema_history"))
          .isEqualTo(3);
      assertThat(MigratedStates.catalog(next)).isEqualTo(fullApplyCatalog());
    }
    assertThat(FileContents.of(generate(root.resolve("a"), cheap)))
        .isEqualTo(FileContents.of(generate(root.resolve("b"), SnapshotSettings.disabled())))
        .isNotEmpty();
  }

  @Test
  void givenAFinalSnapshot_whenTheAddedMigrationTookLongEnough_thenItsFinalStateIsSaved()
      throws Exception {
    SnapshotSettings always = SnapshotSettings.configure().minTailTime(Duration.ZERO).build();
    start(always).close();
    write("V3__due.sql", "alter table tasks add column due date;\n");

    start(always).close();

    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::kind, Snapshot::range)
        .containsExactlyInAnyOrder(
            tuple(Snapshot.Kind.FINAL, "V1..V2"), tuple(Snapshot.Kind.FINAL, "V1..V3"));
    try (MigratedDatabase next = start(always)) {
      assertThat(next.startedFrom()).isEqualTo("snapshot V1..V3");
      assertThat(next.applied()).isZero();
      assertThat(MigratedStates.catalog(next)).isEqualTo(fullApplyCatalog());
    }
  }

  @Test
  void givenARepeatable_whenACheapMigrationIsAdded_thenNeitherItsPrefixNorItsFinalStateIsSaved()
      throws Exception {
    write("R__titles.sql", "create or replace view titles as select title from tasks;\n");
    SnapshotSettings cheap = SnapshotSettings.configure().minTailTime(Duration.ofHours(1)).build();
    start(cheap).close();
    write("V3__due.sql", "alter table tasks add column due date;\n");

    start(cheap).close();
    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::kind, Snapshot::range)
        .containsExactlyInAnyOrder(
            tuple(Snapshot.Kind.PREFIX, "V1..V2"),
            tuple(Snapshot.Kind.FINAL, "V1..V2 + 1 repeatable"));
    try (MigratedDatabase next = start(cheap)) {
      assertThat(next.startedFrom()).isEqualTo("snapshot V1..V2");
      assertThat(next.applied()).isEqualTo(2);
      assertThat(MigratedStates.catalog(next)).isEqualTo(fullApplyCatalog());
    }

    SnapshotSettings always = SnapshotSettings.configure().minTailTime(Duration.ZERO).build();
    start(always).close();
    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::kind, Snapshot::range)
        .contains(
            tuple(Snapshot.Kind.PREFIX, "V1..V3"),
            tuple(Snapshot.Kind.FINAL, "V1..V3 + 1 repeatable"));
  }

  @Test
  void givenNoSnapshot_whenEverythingIsAppliedQuickly_thenTheFinalStateIsStillSaved() {
    start(SnapshotSettings.configure().minTailTime(Duration.ofHours(1)).build()).close();

    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::kind, Snapshot::range)
        .containsExactly(tuple(Snapshot.Kind.FINAL, "V1..V2"));
  }

  @Test
  void givenACheapTail_whenACatalogIsKept_thenTheFinalStateIsSavedWithIt() throws Exception {
    SnapshotSettings cheap = SnapshotSettings.configure().minTailTime(Duration.ofHours(1)).build();
    start(cheap).close();
    write("V3__seed.sql", "insert into tasks (title) values ('first');\n");

    Catalog kept;
    try (MigratedDatabase added = start(cheap);
        Connection c = added.database().connect()) {
      kept = Introspector.configure().build().load(c, List.of("public"));
      added.keepCatalog("k", kept);
    }

    assertThat(builder(cheap).cachedCatalog("k"))
        .get()
        .extracting(Catalog::objects)
        .isEqualTo(kept.objects());
    try (MigratedDatabase next = start(cheap)) {
      assertThat(next.startedFrom()).isEqualTo("snapshot V1..V3");
      assertThat(next.applied()).isZero();
    }
  }

  @Test
  void givenACheapTail_whenASaveIsAskedFor_thenTheFinalStateIsSaved() throws Exception {
    SnapshotSettings cheap = SnapshotSettings.configure().minTailTime(Duration.ofHours(1)).build();
    start(cheap).close();
    write("V3__seed.sql", "insert into tasks (title) values ('first');\n");

    try (MigratedDatabase added = start(cheap)) {
      added.saveFinalState();
    }

    try (MigratedDatabase next = start(cheap)) {
      assertThat(next.startedFrom()).isEqualTo("snapshot V1..V3");
      assertThat(next.applied()).isZero();
    }
  }

  // --- fixtures

  private void write(String name, String sql) throws IOException {
    Files.writeString(migrations.resolve(name), sql);
  }

  private MigratedDatabase.Builder builder(SnapshotSettings snapshots) {
    return MigratedDatabase.configure()
        .provider(provider)
        .migrations(Migrations.configure().location(migrations).build())
        .snapshots(snapshots)
        .log(log::add);
  }

  private MigratedDatabase start(SnapshotSettings snapshots) {
    return builder(snapshots).start();
  }

  private Map<?, ?> fullApplyCatalog() throws Exception {
    try (MigratedDatabase full = start(SnapshotSettings.disabled())) {
      assertThat(full.startedFrom()).isEqualTo("empty cluster");
      return MigratedStates.catalog(full);
    }
  }

  private Path generate(Path output, SnapshotSettings snapshots) {
    CodeGeneration.configure()
        .migrations(Migrations.configure().location(migrations).build())
        .packageName("com.example.db")
        .outputDirectory(output)
        .provider(provider)
        .snapshots(snapshots)
        .force(true)
        .log(log::add)
        .build()
        .run();
    return output;
  }
}
