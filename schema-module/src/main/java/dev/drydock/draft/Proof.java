package dev.drydock.draft;

import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.Migrations;
import dev.drydock.pull.MigrationWriter;
import dev.drydock.pull.PulledMigration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** The proof's work on the database: the drafted files applied by Flyway, then introspected. */
final class Proof {

  private Proof() {}

  /**
   * Applies {@code files} with Flyway on top of the migrations in {@code copy} (a copy of the
   * migrated database) and introspects the result.
   *
   * @throws dev.drydock.migrate.MigrationException when a drafted file fails to apply
   */
  static Catalog apply(ScratchDatabase copy, List<PulledMigration> files, Migrations migrations)
      throws SQLException {
    Path staging;
    try {
      staging = Files.createTempDirectory("drydock-draft-");
    } catch (IOException e) {
      throw new DraftException("Cannot create a temporary directory: " + e.getMessage(), e);
    }
    try {
      for (PulledMigration m : files) {
        MigrationWriter.write(staging, m);
      }
      // the copy's history is the migrations' own (a snapshot keyed by them, or applied just now):
      // Flyway is given the drafted files only and applies them after it, without reading and
      // validating every migration again
      Migrations withDraft =
          Migrations.configure()
              .location(staging)
              .schemas(migrations.schemas())
              .placeholders(migrations.placeholders())
              .table(migrations.table())
              .settings(migrations.settings())
              .throwawayLockTimeout(migrations.throwawayLockTimeout())
              .build()
              .onThrowaway();
      withDraft.migrateTrusted(copy.dataSource(), script -> {});
      try (Connection c = copy.connect()) {
        return Introspector.configure().historyTable(migrations.table()).build().load(c, Set.of());
      }
    } finally {
      ScratchFiles.deleteTree(staging);
    }
  }
}
