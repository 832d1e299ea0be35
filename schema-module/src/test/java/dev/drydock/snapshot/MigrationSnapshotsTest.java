package dev.drydock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.files.FileContents;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema built from a snapshot plus new migrations must be the schema a full apply builds: same
 * catalog (introspected), same generated sources. Each test starts with no snapshots.
 */
class MigrationSnapshotsTest {

  /** Binaries and the empty cluster are shared; each test starts with no snapshots. */
  @TempDir static Path cache;

  @TempDir Path root;
  SnapshotProject project;

  @BeforeEach
  void writeHistory() throws IOException {
    project = SnapshotProject.in(root, cache, Map.of("prefix", "task"));
    project.write("V1__status.sql", "create type status as enum ('new', 'done');\n");
    project.write(
        "V2__tasks.sql",
        "create table tasks (id bigint generated always as identity primary key,"
            + " title text not null, status status not null default 'new',"
            + " lock_version int not null default 0);\n");
    project.write(
        "V3__${prefix}_notes.sql".replace("${prefix}", "task"),
        "create table ${prefix}_notes (id serial primary key,"
            + " task_id bigint not null references tasks (id), body text);\n"
            + "create index on ${prefix}_notes (task_id);\n");
  }

  @Test
  void givenASnapshotOfV1ToV3_whenV4IsAdded_thenOnlyV4IsAppliedAndTheSchemaIsAFullApplys()
      throws Exception {
    project.applyAndClose(snapshots());
    project.write("V4__due.sql", "alter table tasks add column due date;\n");

    try (MigratedDatabase migrated = project.start(snapshots())) {
      assertThat(migrated.applied()).isEqualTo(1);
      assertThat(migrated.startedFrom()).isEqualTo("snapshot V1..V3");
      assertThat(MigratedStates.catalog(migrated)).isEqualTo(project.fullApplyCatalog());
    }
  }

  @Test
  void givenAFinalSnapshot_whenNothingChanged_thenFlywayAppliesNothing() throws Exception {
    project.applyAndClose(snapshots());

    try (MigratedDatabase migrated = project.start(snapshots())) {
      assertThat(migrated.applied()).isZero();
      assertThat(migrated.startedFrom()).isEqualTo("snapshot V1..V3");
      assertThat(MigratedStates.count(migrated, "select count(*) from flyway_schema_history"))
          .isEqualTo(3);
      assertThat(MigratedStates.catalog(migrated)).isEqualTo(project.fullApplyCatalog());
    }
  }

  @Test
  void givenASnapshot_whenARepeatableIsAdded_thenOnlyItRunsAfterTheVersionedOnes()
      throws Exception {
    project.applyAndClose(snapshots());
    project.write(
        "R__open_tasks.sql", "create or replace view open_tasks as select * from tasks;\n");
    project.write("V4__due.sql", "alter table tasks add column due date;\n");

    try (MigratedDatabase migrated = project.start(snapshots())) {
      // V4 then the view: the view has V4's column, as in a full apply
      assertThat(migrated.applied()).isEqualTo(2);
      assertThat(MigratedStates.catalog(migrated)).isEqualTo(project.fullApplyCatalog());
    }
  }

  @Test
  void givenASnapshotWithARepeatable_whenTheRepeatableChanges_thenTheVersionedPrefixIsReused()
      throws Exception {
    project.write(
        "R__open_tasks.sql", "create or replace view open_tasks as select id from tasks;\n");
    project.applyAndClose(snapshots());
    project.write(
        "R__open_tasks.sql",
        "create or replace view open_tasks as select id, title from tasks where status = 'new';\n");

    try (MigratedDatabase migrated = project.start(snapshots())) {
      assertThat(migrated.startedFrom()).isEqualTo("snapshot V1..V3");
      assertThat(migrated.applied()).isEqualTo(1);
      assertThat(MigratedStates.catalog(migrated)).isEqualTo(project.fullApplyCatalog());
    }
  }

  @Test
  void givenSnapshotsAfterEachMigration_whenAnOldMigrationChanges_thenLaterSnapshotsAreNotUsed()
      throws Exception {
    SnapshotSettings everyMigration =
        SnapshotSettings.configure().interval(1).minSegmentTime(Duration.ZERO).build();
    project.applyAndClose(everyMigration);
    project.write(
        "V2__tasks.sql",
        "create table tasks (id bigint generated always as identity primary key,"
            + " title varchar(200) not null, status status not null default 'done',"
            + " lock_version int not null default 0);\n");

    try (MigratedDatabase migrated = project.start(everyMigration)) {
      assertThat(migrated.startedFrom()).isEqualTo("snapshot V1");
      assertThat(migrated.applied()).isEqualTo(2);
      assertThat(MigratedStates.catalog(migrated)).isEqualTo(project.fullApplyCatalog());
    }
  }

  @Test
  void givenASnapshot_whenAPlaceholderChanges_thenEverythingIsAppliedAgain() throws Exception {
    project.applyAndClose(snapshots());

    try (MigratedDatabase migrated =
        MigratedDatabase.configure()
            .provider(project.provider)
            .migrations(project.migrations(Map.of("prefix", "todo")))
            .snapshots(snapshots())
            .start()) {
      assertThat(migrated.startedFrom()).isEqualTo("empty cluster");
      assertThat(migrated.applied()).isEqualTo(3);
      assertThat(MigratedStates.catalog(migrated))
          .isEqualTo(project.fullApplyCatalog(Map.of("prefix", "todo")));
    }
  }

  @Test
  void givenACallback_whenAMigrationIsAdded_thenNoPrefixIsUsedButAnUnchangedRunStillIsFree()
      throws Exception {
    project.write("afterMigrate.sql", "comment on table tasks is 'migrated';\n");
    project.applyAndClose(snapshots());
    try (MigratedDatabase unchanged = project.start(snapshots())) {
      assertThat(unchanged.applied()).isZero();
    }
    project.write("V4__due.sql", "alter table tasks add column due date;\n");

    try (MigratedDatabase migrated = project.start(snapshots())) {
      assertThat(migrated.startedFrom()).isEqualTo("empty cluster");
      assertThat(migrated.applied()).isEqualTo(4);
      assertThat(MigratedStates.catalog(migrated)).isEqualTo(project.fullApplyCatalog());
    }
  }

  @Test
  void givenSnapshotsOn_whenSourcesAreGeneratedFromASnapshot_thenTheyEqualAFullApplysSources()
      throws Exception {
    project.applyAndClose(snapshots());
    project.write("V4__due.sql", "alter table tasks add column due date;\n");
    project.write(
        "R__open_tasks.sql", "create or replace view open_tasks as select * from tasks;\n");

    Path fromSnapshot = project.generate(root.resolve("a"), snapshots());
    Path full = project.generate(root.resolve("b"), SnapshotSettings.disabled());

    assertThat(project.log)
        .anyMatch(line -> line.startsWith("Started from the snapshot of V1..V3"));
    assertThat(FileContents.of(fromSnapshot)).isEqualTo(FileContents.of(full)).isNotEmpty();
  }

  @Test
  void givenAFastHistory_whenApplied_thenOnlyTheFinalStateIsSavedAndASlowSegmentIsCheckpointed()
      throws Exception {
    // (no wall-clock threshold a loaded machine could cross: only the final state is worth saving)
    project.applyAndClose(
        SnapshotSettings.configure().interval(1).minSegmentTime(Duration.ofHours(1)).build());
    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::kind, Snapshot::range)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Snapshot.Kind.FINAL, "V1..V3"));

    // a slow first migration is worth a snapshot of its own; the fast ones after it are not (the
    // margins are seconds, so a loaded machine does not make a fast one look slow)
    project.write(
        "V1__status.sql", "create type status as enum ('new', 'done');\nselect pg_sleep(4);\n");
    project.applyAndClose(
        SnapshotSettings.configure().interval(1).minSegmentTime(Duration.ofSeconds(3)).build());
    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::kind, Snapshot::range)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Snapshot.Kind.FINAL, "V1..V3"),
            org.assertj.core.groups.Tuple.tuple(Snapshot.Kind.PREFIX, "V1"),
            org.assertj.core.groups.Tuple.tuple(Snapshot.Kind.FINAL, "V1..V3"));
  }

  @Test
  void givenSnapshotsOff_whenApplied_thenNothingIsSaved() {
    project.applyAndClose(SnapshotSettings.disabled());

    assertThat(SnapshotCache.at(cache).list()).isEmpty();
  }

  // --- fixtures

  private static SnapshotSettings snapshots() {
    return SnapshotSettings.defaults();
  }
}
