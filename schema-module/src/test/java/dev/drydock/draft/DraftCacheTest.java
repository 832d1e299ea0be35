package dev.drydock.draft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.diff.Difference;
import dev.drydock.diff.SchemaComparator;
import dev.drydock.files.CodeHash;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogFile;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.pull.PulledMigration;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogs a draft keeps with the migrations' snapshot (the desired state's, the proof's) give
 * the answer a draft without any cache gives, on randomized schemas and changes; a draft whose
 * inputs did not change starts no server; and every input a kept catalog depends on misses when it
 * changes.
 */
class DraftCacheTest {

  /** Binaries and the empty cluster are shared by the tests; each has its own snapshots. */
  @TempDir static Path cache;

  @TempDir Path root;
  Path migrations;
  Path schema;
  long seed;
  Random random;
  final List<String> log = new ArrayList<>();

  private static final String[] TYPES = {
    "integer", "bigint", "text", "boolean", "numeric(10,2)", "timestamptz", "date"
  };

  @BeforeEach
  void randomProject() throws IOException {
    dev.drydock.files.FileTrees.deleteQuietly(cache.resolve("snapshots"));
    seed = System.nanoTime();
    random = new Random(seed);
    migrations = Files.createDirectories(root.resolve("migrations"));
    schema = Files.createDirectories(root.resolve("schema"));
    // the migrations: a few tables of random columns, one with an index; the desired state: the
    // same tables, in files named in a random order, plus one or more random changes
    List<String> tables = new ArrayList<>();
    int count = 2 + random.nextInt(3);
    for (int t = 0; t < count; t++) {
      StringBuilder sql = new StringBuilder("CREATE TABLE t" + t + " (id bigint PRIMARY KEY");
      int columns = 1 + random.nextInt(4);
      for (int c = 0; c < columns; c++) {
        sql.append(", c").append(c).append(' ').append(TYPES[random.nextInt(TYPES.length)]);
      }
      tables.add(sql.append(");\n").toString());
    }
    Files.writeString(migrations.resolve("V1__tables.sql"), String.join("", tables));
    String index = "CREATE INDEX t0_c0_idx ON t0 (c0);\n";
    Files.writeString(migrations.resolve("V2__index.sql"), index);
    List<String> desired = new ArrayList<>(tables);
    desired.add(index);
    int changes = 1 + random.nextInt(3);
    for (int i = 0; i < changes; i++) {
      int t = random.nextInt(count);
      switch (random.nextInt(4)) {
        case 0 -> desired.add("CREATE TABLE added" + i + " (id bigint PRIMARY KEY, note text);\n");
        case 1 -> desired.add("ALTER TABLE t" + t + " ADD COLUMN added" + i + " text;\n");
        case 2 -> desired.add("CREATE INDEX t" + t + "_id_idx" + i + " ON t" + t + " (id);\n");
        default -> desired.add("CREATE VIEW v" + i + " AS SELECT id FROM t" + t + ";\n");
      }
    }
    // dependants may come first: the views and added columns before their tables
    java.util.Collections.shuffle(desired, random);
    for (int i = 0; i < desired.size(); i++) {
      Files.writeString(schema.resolve("f" + i + ".sql"), desired.get(i));
    }
  }

  private ProviderSettings provider() {
    return ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cache).build();
  }

  private DraftResult draft(ProviderSettings provider, SnapshotSettings snapshots, String name) {
    log.clear();
    return Draft.configure()
        .migrations(Migrations.configure().location(migrations).build())
        .schemaDirectory(schema)
        .throwaway(provider)
        .snapshots(snapshots)
        .name(name)
        .write(false)
        .log(log::add)
        .build()
        .run();
  }

  private DraftResult cached(String name) {
    return draft(provider(), SnapshotSettings.defaults(), name);
  }

  private DraftResult uncached(String name) {
    return draft(provider(), SnapshotSettings.disabled(), name);
  }

  /** Everything a draft answers, as text to compare. */
  private static String answer(DraftResult r) {
    return r.outcome()
        + "\n"
        + r.differences().stream().map(Difference::describe).collect(Collectors.joining("\n"))
        + "\nstops: "
        + r.stops()
        + "\n"
        + r.migrations().stream()
            .map(m -> m.fileName() + "\n" + m.sql())
            .collect(Collectors.joining("\n"));
  }

  private boolean proofWasKept() {
    return log.stream().anyMatch(l -> l.startsWith("The proof of this exact draft was kept"));
  }

  @Test
  void givenRandomChanges_whenDraftedAgain_thenTheKeptCatalogsGiveTheUncachedAnswerWithNoServer() {
    // given: the answer with no cache at all, and a first draft with snapshots that keeps them
    DraftResult uncached = uncached("change");
    DraftResult first = cached("change");

    // when
    DraftResult second = cached("change");

    // then
    String seedText = "seed " + seed;
    assertThat(uncached.outcome())
        .as(seedText + "\n" + answer(uncached))
        .isEqualTo(DraftResult.Outcome.PROVEN);
    assertThat(answer(first)).as(seedText).isEqualTo(answer(uncached));
    assertThat(first.serverStarted()).as(seedText).isTrue();
    assertThat(answer(second)).as(seedText).isEqualTo(answer(uncached));
    assertThat(second.serverStarted()).as(seedText + "\n" + log).isFalse();
    assertThat(second.loadRounds()).as(seedText).isZero();
    assertThat(proofWasKept()).as(seedText + "\n" + log).isTrue();
  }

  @Test
  void givenKeptCatalogs_whenADesiredFileChanges_thenTheDesiredCatalogMissesAndTheAnswerIsUncached()
      throws IOException {
    // given
    cached("change");
    assertThat(cached("change").serverStarted()).as("seed " + seed).isFalse();
    // a column more in a desired file: its bytes, and so the draft, change
    Path file = schema.resolve("f0.sql");
    Files.writeString(file, Files.readString(file) + "ALTER TABLE t1 ADD COLUMN late text;\n");

    // when
    DraftResult changed = cached("change");

    // then
    String seedText = "seed " + seed + "\n" + log;
    assertThat(changed.serverStarted()).as(seedText).isTrue();
    assertThat(changed.loadRounds()).as(seedText).isPositive();
    assertThat(proofWasKept()).as(seedText).isFalse();
    assertThat(answer(changed)).as(seedText).isEqualTo(answer(uncached("change")));
    assertThat(answer(changed)).contains("late");
  }

  @Test
  void
      givenKeptCatalogs_whenOnlyBytesOrPathsOfDesiredFilesChange_thenTheyLoadAgainButTheProofIsKept()
          throws IOException {
    // given
    cached("change");
    Path file = schema.resolve("f0.sql");

    // when: a comment added (same catalog, other bytes), then a file renamed (same bytes)
    Files.writeString(file, "-- a comment\n" + Files.readString(file));
    DraftResult commented = cached("change");
    boolean proofKeptAfterComment = proofWasKept();
    Files.move(file, schema.resolve("zz_moved.sql"));
    DraftResult moved = cached("change");

    // then: each loads the desired state again; the same script's proof is the kept one
    String seedText = "seed " + seed;
    assertThat(commented.loadRounds()).as(seedText).isPositive();
    assertThat(moved.loadRounds()).as(seedText).isPositive();
    assertThat(proofKeptAfterComment).as(seedText).isTrue();
    assertThat(answer(moved)).as(seedText).isEqualTo(answer(commented));
  }

  @Test
  void givenKeptCatalogs_whenTheScriptsNameOrTheServerSettingsChange_thenTheProofMisses() {
    // given
    DraftResult kept = cached("change");

    // when: another name (other file names, other bytes), then another server parameter
    DraftResult renamed = cached("other_name");
    boolean renamedProofKept = proofWasKept();
    DraftResult otherServer =
        draft(
            ProviderSettings.configure()
                .kind(ProviderKind.EMBEDDED)
                .cacheDirectory(cache)
                .serverParameter("work_mem", "7MB")
                .build(),
            SnapshotSettings.defaults(),
            "change");

    // then
    String seedText = "seed " + seed + "\n" + log;
    assertThat(renamed.serverStarted()).as(seedText).isTrue();
    assertThat(renamedProofKept).as(seedText).isFalse();
    assertThat(renamed.loadRounds()).as("the desired catalog is still kept").isZero();
    assertThat(answer(renamed)).isEqualTo(answer(kept).replace("__change", "__other_name"));
    assertThat(otherServer.serverStarted()).as(seedText).isTrue();
    assertThat(otherServer.loadRounds()).as(seedText).isPositive();
    assertThat(proofWasKept()).as(seedText).isFalse();
    assertThat(answer(otherServer)).isEqualTo(answer(kept));
  }

  @Test
  void givenANewMigration_whenDrafted_thenNothingKeptForTheOldOnesIsUsed() throws IOException {
    // given: the desired state drafted, then one of its changes written as a migration by hand
    cached("change");
    Files.writeString(
        migrations.resolve("V3__by_hand.sql"), "CREATE TABLE by_hand (id bigint PRIMARY KEY);\n");

    // when
    DraftResult after = cached("change");

    // then: the desired state is loaded on the new migrations' cluster and the table is dropped
    String seedText = "seed " + seed + "\n" + log;
    assertThat(after.loadRounds()).as(seedText).isPositive();
    assertThat(proofWasKept()).as(seedText).isFalse();
    assertThat(answer(after)).as(seedText).isEqualTo(answer(uncached("change")));
  }

  @Test
  void givenTheFinalSnapshot_whenADraftIsProvenInPlace_thenTheSnapshotStillHoldsOnlyTheMigrations()
      throws Exception {
    // given: the migrations' final snapshot, saved by a first draft
    cached("change");

    // when: a draft under another name starts from it and proves its files on it, in place
    DraftResult inPlace = cached("in_place");

    // then: the draft is proven, and the snapshot's schema is the migrations' own, as a full
    // apply with no snapshot gives it
    assertThat(inPlace.outcome())
        .as("seed " + seed + "\n" + log)
        .isEqualTo(DraftResult.Outcome.PROVEN);
    assertThat(log).contains("Started from the snapshot of V1..V2");
    Migrations m = Migrations.configure().location(migrations).build();
    try (MigratedDatabase fromSnapshot =
            MigratedDatabase.configure().provider(provider()).migrations(m).start();
        MigratedDatabase full =
            MigratedDatabase.configure()
                .provider(provider())
                .migrations(m)
                .snapshots(SnapshotSettings.disabled())
                .start()) {
      assertThat(fromSnapshot.startedFrom()).isEqualTo("snapshot V1..V2");
      assertThat(SchemaComparator.compare(catalog(full), catalog(fromSnapshot)).differences())
          .as("seed " + seed)
          .isEmpty();
    }
  }

  private static Catalog catalog(MigratedDatabase db) throws java.sql.SQLException {
    try (java.sql.Connection c = db.database().connect()) {
      return Introspector.configure().build().load(c, java.util.Set.of());
    }
  }

  @Test
  void theKeptCatalogsNamesCarryTheCodeThatComputedThem() {
    // given
    List<PulledMigration> files = List.of(new PulledMigration("3", "V3__x.sql", "SELECT 1;\n"));
    Migrations m = Migrations.configure().location(migrations).build();

    // when
    String proven = DraftCache.proven(files, m);
    String desired =
        DraftCache.desired(dev.drydock.draft.schema.SchemaFolder.read(schema), m.table());

    // then
    assertThat(proven)
        .contains(CatalogFile.codeIdentity())
        .contains(CodeHash.of(Draft.class))
        .contains(CodeHash.of(Migrations.class));
    assertThat(desired).contains(CatalogFile.codeIdentity()).contains(CodeHash.of(Draft.class));
    assertThat(DraftCache.proven(List.of(new PulledMigration("3", "V3__x.sql", "SELECT 2;\n")), m))
        .isNotEqualTo(proven);
  }
}
