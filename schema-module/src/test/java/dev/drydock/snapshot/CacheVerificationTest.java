package dev.drydock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the cache returns is checked before use: a damaged archive, a foreign cluster under a key
 * and a changed kept catalog are discarded with one line, and the run gives the right answer.
 */
class CacheVerificationTest {

  /** The build's test cache (binaries and the empty cluster shared); its snapshots are emptied. */
  static final Path cache = ProviderSettings.defaultCacheDirectory();

  @TempDir Path root;
  Path migrations;
  ProviderSettings provider;
  final List<String> log = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void writeHistory() throws IOException {
    migrations = Files.createDirectories(root.resolve("migrations"));
    dev.drydock.files.FileTrees.deleteQuietly(cache.resolve("snapshots"));
    provider =
        ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cache).build();
    Files.writeString(
        migrations.resolve("V1__posts.sql"),
        "create type status as enum ('draft', 'live');\n"
            + "create table posts (id int primary key, status status not null);\n");
  }

  @Test
  void givenAnArchiveWithFlippedBits_whenStarted_thenItIsDiscardedWithOneLineAndAllIsApplied()
      throws Exception {
    // given: a final snapshot, then three bits flipped in the middle of its archive
    applyAndClose();
    Path archive = onlySnapshot().resolve(SnapshotCache.ARCHIVE);
    try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0b1011);
    }

    // when
    try (MigratedDatabase migrated = start()) {
      // then
      assertThat(migrated.startedFrom()).isEqualTo("empty cluster");
      assertThat(migrated.applied()).isEqualTo(1);
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0)).contains("could not be read, discarded").contains("checksum");
      assertThat(columnType(migrated)).isEqualTo("status");
    }
  }

  @Test
  void givenAnotherHistorysSnapshotUnderThisKey_whenStarted_thenItIsDiscardedAndAllIsApplied()
      throws Exception {
    // given: the snapshot of another history (one more table), moved whole under this one's key
    applyAndClose();
    Path mine = onlySnapshot();
    Path other = Files.createDirectories(root.resolve("other"));
    Files.writeString(
        other.resolve("V1__posts.sql"),
        "create type status as enum ('draft', 'live');\n"
            + "create table posts (id int primary key, status status not null, foreign_col int);\n");
    try (MigratedDatabase db = start(other)) {
      assertThat(db.applied()).isEqualTo(1);
    }
    Path foreign = snapshots().filter(p -> !p.equals(mine)).findFirst().orElseThrow();
    dev.drydock.files.FileTrees.deleteQuietly(mine);
    Files.move(foreign, mine, StandardCopyOption.ATOMIC_MOVE);

    // when
    try (MigratedDatabase migrated = start()) {
      // then: its history's checksum is not V1's: never built upon
      assertThat(migrated.startedFrom()).isEqualTo("empty cluster");
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0))
          .contains("does not hold what its key says")
          .contains("history row 1");
      assertThat(columns(migrated)).containsExactly("id", "status");
    }
  }

  @Test
  void givenAForeignClusterTarUnderThisKey_whenStarted_thenItIsDiscardedAndAllIsApplied()
      throws Exception {
    // given: only cluster.tar replaced by another snapshot's
    applyAndClose();
    Path mine = onlySnapshot();
    Path other = Files.createDirectories(root.resolve("other"));
    Files.writeString(other.resolve("V1__other.sql"), "create table other (x int);\n");
    try (MigratedDatabase db = start(other)) {
      assertThat(db.applied()).isEqualTo(1);
    }
    Path foreign = snapshots().filter(p -> !p.equals(mine)).findFirst().orElseThrow();
    Files.copy(
        foreign.resolve(SnapshotCache.ARCHIVE),
        mine.resolve(SnapshotCache.ARCHIVE),
        StandardCopyOption.REPLACE_EXISTING);

    // when
    try (MigratedDatabase migrated = start()) {
      // then
      assertThat(migrated.startedFrom()).isEqualTo("empty cluster");
      assertThat(warnings).hasSize(1).allMatch(w -> w.contains("checksum"));
      assertThat(columns(migrated)).containsExactly("id", "status");
    }
  }

  @Test
  void givenAKeptCatalogWithOneChangedByte_whenAsked_thenItIsDiscardedAndNotUsed()
      throws Exception {
    // given: a kept catalog, one byte of it changed (a column type, say)
    try (MigratedDatabase migrated = start()) {
      migrated.keepCatalog("k", introspect(migrated));
    }
    assertThat(builder(migrations).cachedCatalog("k")).isPresent();
    Path file;
    try (Stream<Path> files = Files.list(onlySnapshot())) {
      file =
          files
              .filter(p -> p.getFileName().toString().startsWith("catalog-"))
              .findFirst()
              .orElseThrow();
    }
    String json = Files.readString(file);
    assertThat(json).contains("\"status\"");
    Files.writeString(file, json.replaceFirst("\"status\"", "\"statuz\""));

    // when
    var cached = builder(migrations).cachedCatalog("k");

    // then
    assertThat(cached).isEmpty();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("does not match its checksum");
    assertThat(file).doesNotExist();
  }

  @Test
  void givenASnapshotOfAnOlderFormat_whenStarted_thenItIsNeverTrusted() throws Exception {
    // given: the snapshot's metadata without format and checksum, as an older Drydock wrote it
    applyAndClose();
    Path meta = onlySnapshot().resolve(SnapshotCache.META);
    List<String> lines =
        Files.readAllLines(meta).stream()
            .filter(l -> !l.startsWith("format=") && !l.startsWith("sha256="))
            .toList();
    Files.write(meta, lines);

    // when
    try (MigratedDatabase migrated = start()) {
      // then
      assertThat(migrated.startedFrom()).isEqualTo("empty cluster");
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0)).contains("another Drydock version");
    }
  }

  // --- fixtures

  private MigratedDatabase.Builder builder(Path dir) {
    return MigratedDatabase.configure()
        .provider(provider)
        .migrations(Migrations.configure().location(dir).build())
        .snapshots(SnapshotSettings.defaults())
        .log(log::add)
        .warnings(warnings::add);
  }

  private MigratedDatabase start() {
    return start(migrations);
  }

  private MigratedDatabase start(Path dir) {
    return builder(dir).start();
  }

  private void applyAndClose() {
    start().close();
    warnings.clear();
  }

  private Stream<Path> snapshots() throws IOException {
    List<Path> all = new ArrayList<>();
    try (Stream<Path> ids = Files.list(cache.resolve("snapshots"))) {
      for (Path id : ids.filter(Files::isDirectory).toList()) {
        try (Stream<Path> keys = Files.list(id)) {
          keys.filter(k -> Files.isRegularFile(k.resolve(SnapshotCache.META))).forEach(all::add);
        }
      }
    }
    return all.stream();
  }

  private Path onlySnapshot() throws IOException {
    List<Path> all = snapshots().toList();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private static Catalog introspect(MigratedDatabase db) throws Exception {
    try (Connection c = db.database().connect()) {
      return Introspector.configure().build().load(c, List.of("public"));
    }
  }

  private static String columnType(MigratedDatabase db) throws Exception {
    try (Connection c = db.database().connect();
        var rs =
            c.createStatement()
                .executeQuery(
                    "select udt_name from information_schema.columns"
                        + " where table_name = 'posts' and column_name = 'status'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static List<String> columns(MigratedDatabase db) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = db.database().connect();
        var rs =
            c.createStatement()
                .executeQuery(
                    "select column_name from information_schema.columns"
                        + " where table_name = 'posts' order by ordinal_position")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
