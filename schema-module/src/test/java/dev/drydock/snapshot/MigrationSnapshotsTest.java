package dev.drydock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.codegen.CodeGeneration;
import dev.drydock.files.FileContents;
import dev.drydock.files.FileTrees;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  Path migrations;
  ProviderSettings provider;
  final List<String> log = new ArrayList<>();

  @BeforeEach
  void writeHistory() throws IOException {
    migrations = Files.createDirectories(root.resolve("migrations"));
    FileTrees.deleteQuietly(cache.resolve("snapshots"));
    provider =
        ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cache).build();
    write("V1__status.sql", "create type status as enum ('new', 'done');\n");
    write(
        "V2__tasks.sql",
        "create table tasks (id bigint generated always as identity primary key,"
            + " title text not null, status status not null default 'new',"
            + " lock_version int not null default 0);\n");
    write(
        "V3__${prefix}_notes.sql".replace("${prefix}", "task"),
        "create table ${prefix}_notes (id serial primary key,"
            + " task_id bigint not null references tasks (id), body text);\n"
            + "create index on ${prefix}_notes (task_id);\n");
  }

  @Test
  void givenASnapshotOfV1ToV3_whenV4IsAdded_thenOnlyV4IsAppliedAndTheSchemaIsAFullApplys()
      throws Exception {
    applyAndClose(snapshots());
    write("V4__due.sql", "alter table tasks add column due date;\n");

    try (MigratedDatabase migrated = start(snapshots())) {
      assertThat(migrated.applied()).isEqualTo(1);
      assertThat(migrated.startedFrom()).isEqualTo("snapshot V1..V3");
      assertThat(MigratedStates.catalog(migrated)).isEqualTo(fullApplyCatalog());
    }
  }

  @Test
  void givenAFinalSnapshot_whenNothingChanged_thenFlywayAppliesNothing() throws Exception {
    applyAndClose(snapshots());

    try (MigratedDatabase migrated = start(snapshots())) {
      assertThat(migrated.applied()).isZero();
      assertThat(migrated.startedFrom()).isEqualTo("snapshot V1..V3");
      assertThat(MigratedStates.count(migrated, "select count(*) from flyway_schema_history"))
          .isEqualTo(3);
      assertThat(MigratedStates.catalog(migrated)).isEqualTo(fullApplyCatalog());
    }
  }

  @Test
  void givenASnapshot_whenARepeatableIsAdded_thenOnlyItRunsAfterTheVersionedOnes()
      throws Exception {
    applyAndClose(snapshots());
    write("R__open_tasks.sql", "create or replace view open_tasks as select * from tasks;\n");
    write("V4__due.sql", "alter table tasks add column due date;\n");

    try (MigratedDatabase migrated = start(snapshots())) {
      // V4 then the view: the view has V4's column, as in a full apply
      assertThat(migrated.applied()).isEqualTo(2);
      assertThat(MigratedStates.catalog(migrated)).isEqualTo(fullApplyCatalog());
    }
  }

  @Test
  void givenASnapshotWithARepeatable_whenTheRepeatableChanges_thenTheVersionedPrefixIsReused()
      throws Exception {
    write("R__open_tasks.sql", "create or replace view open_tasks as select id from tasks;\n");
    applyAndClose(snapshots());
    write(
        "R__open_tasks.sql",
        "create or replace view open_tasks as select id, title from tasks where status = 'new';\n");

    try (MigratedDatabase migrated = start(snapshots())) {
      assertThat(migrated.startedFrom()).isEqualTo("snapshot V1..V3");
      assertThat(migrated.applied()).isEqualTo(1);
      assertThat(MigratedStates.catalog(migrated)).isEqualTo(fullApplyCatalog());
    }
  }

  @Test
  void givenSnapshotsAfterEachMigration_whenAnOldMigrationChanges_thenLaterSnapshotsAreNotUsed()
      throws Exception {
    SnapshotSettings everyMigration =
        SnapshotSettings.configure().interval(1).minSegmentTime(Duration.ZERO).build();
    applyAndClose(everyMigration);
    write(
        "V2__tasks.sql",
        "create table tasks (id bigint generated always as identity primary key,"
            + " title varchar(200) not null, status status not null default 'done',"
            + " lock_version int not null default 0);\n");

    try (MigratedDatabase migrated = start(everyMigration)) {
      assertThat(migrated.startedFrom()).isEqualTo("snapshot V1");
      assertThat(migrated.applied()).isEqualTo(2);
      assertThat(MigratedStates.catalog(migrated)).isEqualTo(fullApplyCatalog());
    }
  }

  @Test
  void givenASnapshot_whenAPlaceholderChanges_thenEverythingIsAppliedAgain() throws Exception {
    applyAndClose(snapshots());

    try (MigratedDatabase migrated =
        MigratedDatabase.configure()
            .provider(provider)
            .migrations(migrations(Map.of("prefix", "todo")))
            .snapshots(snapshots())
            .start()) {
      assertThat(migrated.startedFrom()).isEqualTo("empty cluster");
      assertThat(migrated.applied()).isEqualTo(3);
      assertThat(MigratedStates.catalog(migrated))
          .isEqualTo(fullApplyCatalog(Map.of("prefix", "todo")));
    }
  }

  @Test
  void givenACallback_whenAMigrationIsAdded_thenNoPrefixIsUsedButAnUnchangedRunStillIsFree()
      throws Exception {
    write("afterMigrate.sql", "comment on table tasks is 'migrated';\n");
    applyAndClose(snapshots());
    try (MigratedDatabase unchanged = start(snapshots())) {
      assertThat(unchanged.applied()).isZero();
    }
    write("V4__due.sql", "alter table tasks add column due date;\n");

    try (MigratedDatabase migrated = start(snapshots())) {
      assertThat(migrated.startedFrom()).isEqualTo("empty cluster");
      assertThat(migrated.applied()).isEqualTo(4);
      assertThat(MigratedStates.catalog(migrated)).isEqualTo(fullApplyCatalog());
    }
  }

  @Test
  void givenSnapshotsOn_whenSourcesAreGeneratedFromASnapshot_thenTheyEqualAFullApplysSources()
      throws Exception {
    applyAndClose(snapshots());
    write("V4__due.sql", "alter table tasks add column due date;\n");
    write("R__open_tasks.sql", "create or replace view open_tasks as select * from tasks;\n");

    Path fromSnapshot = generate(root.resolve("a"), snapshots());
    Path full = generate(root.resolve("b"), SnapshotSettings.disabled());

    assertThat(log).anyMatch(line -> line.startsWith("Started from the snapshot of V1..V3"));
    assertThat(FileContents.of(fromSnapshot)).isEqualTo(FileContents.of(full)).isNotEmpty();
  }

  @Test
  void givenAFastHistory_whenApplied_thenOnlyTheFinalStateIsSavedAndASlowSegmentIsCheckpointed()
      throws Exception {
    // (no wall-clock threshold a loaded machine could cross: only the final state is worth saving)
    applyAndClose(
        SnapshotSettings.configure().interval(1).minSegmentTime(Duration.ofHours(1)).build());
    assertThat(SnapshotCache.at(cache).list())
        .extracting(Snapshot::kind, Snapshot::range)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Snapshot.Kind.FINAL, "V1..V3"));

    // a slow first migration is worth a snapshot of its own; the fast ones after it are not (the
    // margins are seconds, so a loaded machine does not make a fast one look slow)
    write("V1__status.sql", "create type status as enum ('new', 'done');\nselect pg_sleep(4);\n");
    applyAndClose(
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
    applyAndClose(SnapshotSettings.disabled());

    assertThat(SnapshotCache.at(cache).list()).isEmpty();
  }

  // --- fixtures

  private static SnapshotSettings snapshots() {
    return SnapshotSettings.defaults();
  }

  private void write(String name, String sql) throws IOException {
    Files.writeString(migrations.resolve(name), sql);
  }

  private Migrations migrations(Map<String, String> placeholders) {
    return Migrations.configure().location(migrations).placeholders(placeholders).build();
  }

  private MigratedDatabase start(SnapshotSettings snapshots) {
    return MigratedDatabase.configure()
        .provider(provider)
        .migrations(migrations(Map.of("prefix", "task")))
        .snapshots(snapshots)
        .log(log::add)
        .start();
  }

  private void applyAndClose(SnapshotSettings snapshots) {
    start(snapshots).close();
  }

  private Map<?, ?> fullApplyCatalog() throws Exception {
    return fullApplyCatalog(Map.of("prefix", "task"));
  }

  private Map<?, ?> fullApplyCatalog(Map<String, String> placeholders) throws Exception {
    try (MigratedDatabase full =
        MigratedDatabase.configure()
            .provider(provider)
            .migrations(migrations(placeholders))
            .snapshots(SnapshotSettings.disabled())
            .start()) {
      assertThat(full.startedFrom()).isEqualTo("empty cluster");
      return MigratedStates.catalog(full);
    }
  }

  private Path generate(Path output, SnapshotSettings snapshots) {
    CodeGeneration.configure()
        .migrations(migrations(Map.of("prefix", "task")))
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
