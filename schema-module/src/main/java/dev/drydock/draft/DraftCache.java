package dev.drydock.draft;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.drydock.draft.schema.SchemaFolder;
import dev.drydock.files.CodeHash;
import dev.drydock.files.KeyDigest;
import dev.drydock.introspect.CatalogFile;
import dev.drydock.migrate.Migrations;
import dev.drydock.pull.PulledMigration;
import java.util.List;

/**
 * The names under which a draft keeps catalogs with the migrations' final snapshot, whose key
 * already covers the binaries and initdb options, server parameters, init SQL, the Flyway version
 * and settings, placeholders, history table, schemas and every migration's bytes. A name adds what
 * else the catalog depends on, so that a draft whose desired state and script did not change needs
 * no server:
 *
 * <ul>
 *   <li>{@link #desired}: the catalog introspected after loading the desired-state folder (onto a
 *       database of the migrated cluster, whose roles it may grant to): every file's path and
 *       bytes, the loader's and the introspection's code;
 *   <li>{@link #proven}: the catalog introspected after Flyway applied the drafted files on top of
 *       the migrations (the proof): the files' names and exact bytes, the draft's, the migration
 *       runner's and the introspection's code. The verdict is then the comparison of that catalog
 *       with the desired one, as without the cache; a draft that fails to apply keeps nothing.
 * </ul>
 */
final class DraftCache {

  /** Change it when what a kept catalog means changes. */
  private static final String FORMAT = "draft-cache/1";

  private DraftCache() {}

  static String desired(SchemaFolder folder, String historyTable) {
    return String.join(
        "|",
        FORMAT,
        "desired",
        CatalogFile.keyFor(historyTable, List.of()),
        CodeHash.of(Draft.class),
        folder.contentHash());
  }

  static String proven(List<PulledMigration> files, Migrations migrations) {
    KeyDigest sha = KeyDigest.start();
    for (PulledMigration m : files) {
      sha.sized(m.fileName().getBytes(UTF_8)).sized(m.sql().getBytes(UTF_8));
    }
    return String.join(
        "|",
        FORMAT,
        "proven",
        CatalogFile.keyFor(migrations.table(), List.of()),
        CodeHash.of(Draft.class),
        CodeHash.of(Migrations.class),
        sha.hex(32));
  }
}
