package dev.drydock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.drydock.files.FileContents;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.Introspector;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
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
  SnapshotProject project;

  @BeforeEach
  void writeHistory() throws IOException {
    project = SnapshotProject.in(root, cache, Map.of());
    project.write(
        "V1__tasks.sql",
        "create table tasks (id bigint generated always as identity primary key,"
            + " title text not null);\n");
    project.write("V2__notes.sql", "create table notes (id serial primary key, body text);\n");
  }

  @Test
  void
      givenAFinalSnapshot_whenACheapDataOnlyMigrationIsAdded_thenNoNewSnapshotAndSameOutputNextRun()
          throws Exception {
    SnapshotSettings cheap = SnapshotSettings.configure().minTailTime(Duration.ofHours(1)).build();
    project.start(cheap).close();
    project.write("V3__seed.sql", "insert into tasks (title) values ('first'), ('second');\n");

    try (MigratedDatabase added = project.start(cheap)) {
      assertThat(added.startedFrom()).isEqualTo("snapshot V1..V2");
      assertThat(added.applied()).isEqualTo(1);
      assertThat(added.savesOnClose()).isTrue();
    }
    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::kind, Snapshot::range)
        .containsExactly(tuple(Snapshot.Kind.FINAL, "V1..V2"));
    assertThat(project.log).anyMatch(line -> line.startsWith("Not saving the snapshot of V1..V3"));

    try (MigratedDatabase next = project.start(cheap)) {
      assertThat(next.startedFrom()).isEqualTo("snapshot V1..V2");
      assertThat(next.applied()).isEqualTo(1);
      assertThat(MigratedStates.count(next, "select count(*) from tasks")).isEqualTo(2);
      assertThat(MigratedStates.count(next, "select count(*) from flyway_schema_history"))
          .isEqualTo(3);
      assertThat(MigratedStates.catalog(next)).isEqualTo(project.fullApplyCatalog());
    }
    assertThat(FileContents.of(project.generate(root.resolve("a"), cheap)))
        .isEqualTo(
            FileContents.of(project.generate(root.resolve("b"), SnapshotSettings.disabled())))
        .isNotEmpty();
  }

  @Test
  void givenAFinalSnapshot_whenTheAddedMigrationTookLongEnough_thenItsFinalStateIsSaved()
      throws Exception {
    SnapshotSettings always = SnapshotSettings.configure().minTailTime(Duration.ZERO).build();
    project.start(always).close();
    project.write("V3__due.sql", "alter table tasks add column due date;\n");

    project.start(always).close();

    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::kind, Snapshot::range)
        .containsExactlyInAnyOrder(
            tuple(Snapshot.Kind.FINAL, "V1..V2"), tuple(Snapshot.Kind.FINAL, "V1..V3"));
    try (MigratedDatabase next = project.start(always)) {
      assertThat(next.startedFrom()).isEqualTo("snapshot V1..V3");
      assertThat(next.applied()).isZero();
      assertThat(MigratedStates.catalog(next)).isEqualTo(project.fullApplyCatalog());
    }
  }

  @Test
  void givenARepeatable_whenACheapMigrationIsAdded_thenNeitherItsPrefixNorItsFinalStateIsSaved()
      throws Exception {
    project.write("R__titles.sql", "create or replace view titles as select title from tasks;\n");
    SnapshotSettings cheap = SnapshotSettings.configure().minTailTime(Duration.ofHours(1)).build();
    project.start(cheap).close();
    project.write("V3__due.sql", "alter table tasks add column due date;\n");

    project.start(cheap).close();
    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::kind, Snapshot::range)
        .containsExactlyInAnyOrder(
            tuple(Snapshot.Kind.PREFIX, "V1..V2"),
            tuple(Snapshot.Kind.FINAL, "V1..V2 + 1 repeatable"));
    try (MigratedDatabase next = project.start(cheap)) {
      assertThat(next.startedFrom()).isEqualTo("snapshot V1..V2");
      assertThat(next.applied()).isEqualTo(2);
      assertThat(MigratedStates.catalog(next)).isEqualTo(project.fullApplyCatalog());
    }

    SnapshotSettings always = SnapshotSettings.configure().minTailTime(Duration.ZERO).build();
    project.start(always).close();
    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::kind, Snapshot::range)
        .contains(
            tuple(Snapshot.Kind.PREFIX, "V1..V3"),
            tuple(Snapshot.Kind.FINAL, "V1..V3 + 1 repeatable"));
  }

  @Test
  void givenNoSnapshot_whenEverythingIsAppliedQuickly_thenTheFinalStateIsStillSaved() {
    project.start(SnapshotSettings.configure().minTailTime(Duration.ofHours(1)).build()).close();

    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::kind, Snapshot::range)
        .containsExactly(tuple(Snapshot.Kind.FINAL, "V1..V2"));
  }

  @Test
  void givenACheapTail_whenACatalogIsKept_thenTheFinalStateIsSavedWithIt() throws Exception {
    SnapshotSettings cheap = SnapshotSettings.configure().minTailTime(Duration.ofHours(1)).build();
    project.start(cheap).close();
    project.write("V3__seed.sql", "insert into tasks (title) values ('first');\n");

    Catalog kept;
    try (MigratedDatabase added = project.start(cheap);
        Connection c = added.database().connect()) {
      kept = Introspector.configure().build().load(c, List.of("public"));
      added.keepCatalog("k", kept);
    }

    assertThat(project.builder(cheap).cachedCatalog("k"))
        .get()
        .extracting(Catalog::objects)
        .isEqualTo(kept.objects());
    try (MigratedDatabase next = project.start(cheap)) {
      assertThat(next.startedFrom()).isEqualTo("snapshot V1..V3");
      assertThat(next.applied()).isZero();
    }
  }

  @Test
  void givenACheapTail_whenASaveIsAskedFor_thenTheFinalStateIsSaved() throws Exception {
    SnapshotSettings cheap = SnapshotSettings.configure().minTailTime(Duration.ofHours(1)).build();
    project.start(cheap).close();
    project.write("V3__seed.sql", "insert into tasks (title) values ('first');\n");

    try (MigratedDatabase added = project.start(cheap)) {
      added.saveFinalState();
    }

    try (MigratedDatabase next = project.start(cheap)) {
      assertThat(next.startedFrom()).isEqualTo("snapshot V1..V3");
      assertThat(next.applied()).isZero();
    }
  }
}
