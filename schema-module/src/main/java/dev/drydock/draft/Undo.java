package dev.drydock.draft;

import dev.drydock.diff.DiffResult;
import dev.drydock.diff.SchemaComparator;
import dev.drydock.diff.sql.NewSchemas;
import dev.drydock.diff.sql.SqlRenderer;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.FlywayInternals;
import dev.drydock.migrate.Migrations;
import dev.drydock.migrate.ResolvedMigrations;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.pull.MigrationWriter;
import dev.drydock.pull.PulledMigration;
import dev.drydock.pull.VersionScheme;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code drydock draft --undo}: a reviewable down script for the last versioned migration, from the
 * schema with it (state n) to the schema without it (n - 1), by the planner of {@code diff --format
 * sql}, destructive statements marked. Proven like a draft: run on a copy of state n, it must give
 * exactly state n - 1. Written as {@code U<version>__<description>.sql} into an undo folder outside
 * the migrations; Drydock never applies it.
 */
public final class Undo {

  /**
   * What an undo found.
   *
   * @param script the down script (empty when the last migration changes no schema)
   * @param remaining what still differs from state n - 1 after the script ran on state n
   * @param failure why the script did not run, if it did not
   * @param written the file, when written
   */
  public record Result(
      Optional<PulledMigration> script,
      DiffResult remaining,
      Optional<String> failure,
      Optional<Path> written) {
    public boolean proven() {
      return failure.isEmpty() && !remaining.hasDrift();
    }
  }

  private final Migrations migrations;
  private final Path directory;
  private final ProviderSettings throwaway;
  private final SnapshotSettings snapshots;
  private final boolean write;
  private final Consumer<String> log;

  private Undo(Builder b) {
    this.migrations = Objects.requireNonNull(b.migrations, "migrations");
    this.directory = b.directory;
    this.throwaway = b.throwaway;
    this.snapshots = b.snapshots;
    this.write = b.write;
    this.log = b.log;
  }

  public static Builder configure() {
    return new Builder();
  }

  /** The undo folder beside the first migrations location: {@code migrations/../undo}. */
  public static Path defaultDirectory(Migrations migrations) {
    Path first = migrations.locations().get(0).toAbsolutePath().normalize();
    return first.resolveSibling("undo");
  }

  public Result run() {
    List<ResolvedMigrations.Script> versioned =
        migrations.locations().stream().allMatch(Files::isDirectory)
            ? migrations.resolved().versioned()
            : List.of();
    if (versioned.isEmpty()) {
      throw new DraftException("No versioned migration to undo");
    }
    // Flyway's order: the last one is the latest version
    ResolvedMigrations.Script lastScript = versioned.get(versioned.size() - 1);
    Path last = lastScript.file();
    String latest = VersionScheme.latest(migrations.resolved().writtenVersions()).orElseThrow();
    Path previous = copyWithout(last);
    try {
      Introspector introspector = Introspector.configure().historyTable(migrations.table()).build();
      Catalog before = catalogWithout(previous, introspector);
      log.accept("Applying the migrations up to " + last.getFileName());
      try (MigratedDatabase migrated =
          MigratedDatabase.configure()
              .provider(throwaway)
              .migrations(migrations)
              .snapshots(snapshots)
              .log(log)
              .start()) {
        Catalog after;
        try (Connection c = migrated.database().connect()) {
          after = introspector.load(c, Set.of());
        }
        DiffResult undo = SchemaComparator.compare(before, after);
        if (!undo.hasDrift()) {
          return new Result(Optional.empty(), undo, Optional.empty(), Optional.empty());
        }
        String planned =
            // a reviewable script: what differs only by name (the forward migration renamed it)
            // is renamed back, with the planner's RENAME note, rather than dropped and re-added
            SqlRenderer.configure()
                .renames(true)
                .build()
                .script(NewSchemas.createdEmpty(undo), "the migrations");
        String[] naming = migrations.naming();
        String fileName =
            "U" + latest + naming[1] + lastScript.description().replace(' ', '_') + naming[2];
        String body = body(planned);
        String text =
            "-- "
                + fileName
                + ": undoes "
                + last.getFileName()
                + " (the schema with it back to the schema without it).\n"
                + "-- Review before running: Drydock never applies it. Statements marked"
                + " DESTRUCTIVE lose what the migration added.\n"
                + "-- Proven: run on the migrations' schema, it gives exactly the schema before "
                + last.getFileName()
                + ".\n\n"
                + body;
        PulledMigration script = new PulledMigration(latest, fileName, text);
        try (ScratchDatabase proof =
            ScratchDatabase.create(
                migrated.database(), "undo", migrated.database().databaseName())) {
          Optional<String> failure = runScript(proof, body);
          DiffResult remaining;
          try (Connection c = proof.connect()) {
            remaining = SchemaComparator.compare(before, introspector.load(c, Set.of()));
          }
          Optional<Path> written = Optional.empty();
          if (failure.isEmpty() && !remaining.hasDrift() && write) {
            written = Optional.of(MigrationWriter.write(directory, script));
          }
          return new Result(Optional.of(script), remaining, failure, written);
        }
      }
    } catch (SQLException e) {
      throw new DraftException("Database error: " + e.getMessage(), e);
    } finally {
      ScratchFiles.deleteTree(previous);
    }
  }

  private Catalog catalogWithout(Path previous, Introspector introspector) throws SQLException {
    Migrations before =
        Migrations.configure()
            .location(previous)
            .schemas(migrations.schemas())
            .placeholders(migrations.placeholders())
            .table(migrations.table())
            .settings(migrations.settings())
            .throwawayLockTimeout(migrations.throwawayLockTimeout())
            .build();
    if (before.resolved().versioned().isEmpty()) {
      log.accept("No migration before the last: undoing to an empty database");
      try (var empty = dev.drydock.provider.ThrowawayDatabase.start(throwaway);
          Connection c = empty.connect()) {
        return introspector.load(c, Set.of());
      }
    }
    log.accept("Applying the migrations before the last one");
    try (MigratedDatabase migrated =
            MigratedDatabase.configure()
                .provider(throwaway)
                .migrations(before)
                .snapshots(snapshots)
                .log(log)
                .start();
        Connection c = migrated.database().connect()) {
      return introspector.load(c, Set.of());
    }
  }

  /**
   * The migrations' files but {@code last}, with their {@code .conf} files, in a temporary copy.
   */
  private Path copyWithout(Path last) {
    try {
      Path copy = Files.createTempDirectory("drydock-undo-");
      int n = 0;
      for (Path location : migrations.locations()) {
        if (!Files.isDirectory(location)) {
          continue;
        }
        Path target = Files.createDirectories(copy.resolve("l" + n++));
        try (var walk = Files.walk(location)) {
          for (Path p : walk.filter(Files::isRegularFile).toList()) {
            String name = p.getFileName().toString();
            if (p.equals(last) || name.equals(last.getFileName() + ".conf")) {
              continue;
            }
            Path to = target.resolve(location.relativize(p).toString());
            Files.createDirectories(to.getParent());
            Files.copy(p, to);
          }
        }
      }
      return copy;
    } catch (IOException e) {
      throw new DraftException("Cannot copy the migrations: " + e.getMessage(), e);
    }
  }

  /** The planner's script without its header and transaction; DESTRUCTIVE reasons reworded. */
  private static String body(String planned) {
    StringBuilder sb = new StringBuilder("SET check_function_bodies = false;\n");
    for (DraftScript.Block b : DraftScript.blocks(planned)) {
      sb.append('\n')
          .append(b.text().replace(", which exists only live", ", which the last migration added"))
          .append('\n');
    }
    return sb.append("\nRESET check_function_bodies;\n").toString();
  }

  /** Runs {@code script} in one transaction; why it failed, if it did. */
  private static Optional<String> runScript(ScratchDatabase db, String script) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      for (FlywayInternals.ScriptStatement s : FlywayInternals.statements(script)) {
        try {
          st.execute(s.sql());
        } catch (SQLException e) {
          c.rollback();
          return Optional.of(
              "line "
                  + s.line()
                  + ": "
                  + e.getMessage().lines().findFirst().orElse("")
                  + " (SQLState "
                  + e.getSQLState()
                  + ")");
        }
      }
      c.commit();
      return Optional.empty();
    }
  }

  /** Fluent builder; every setter returns {@code this}. */
  public static final class Builder {
    private Migrations migrations;
    private Path directory;
    private ProviderSettings throwaway = ProviderSettings.defaults();
    private SnapshotSettings snapshots = SnapshotSettings.defaults();
    private boolean write = true;
    private Consumer<String> log = line -> {};

    private Builder() {}

    public Builder migrations(Migrations migrations) {
      this.migrations = migrations;
      return this;
    }

    /** Where the down script goes (default {@link #defaultDirectory}). */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    public Builder throwaway(ProviderSettings settings) {
      this.throwaway = Objects.requireNonNull(settings, "settings");
      return this;
    }

    public Builder snapshots(SnapshotSettings snapshots) {
      this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
      return this;
    }

    public Builder write(boolean write) {
      this.write = write;
      return this;
    }

    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    public Undo build() {
      if (directory == null && migrations != null) {
        directory = defaultDirectory(migrations);
      }
      return new Undo(this);
    }
  }
}
