package dev.drydock.draft;

import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Difference;
import dev.drydock.diff.SchemaComparator;
import dev.drydock.diff.sql.NewSchemas;
import dev.drydock.diff.sql.SqlRenderer;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.Introspector;
import dev.drydock.introspect.ObjectKind;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.pull.MigrationWriter;
import dev.drydock.pull.PulledMigration;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code drydock draft --init}: the migrations' current schema written as desired-state files, one
 * per object kind ({@code tables.sql} with their columns, keys, indexes, triggers, policies,
 * comments and grants; {@code views.sql}, {@code functions.sql}, ...), so that an existing project
 * can start declarative. Each file is what the planner creates on an empty database; the folder
 * loads in any order. Nothing is overwritten: the folder must have no SQL file yet.
 */
public final class Init {

  private final Migrations migrations;
  private final Path schemaDirectory;
  private final ProviderSettings throwaway;
  private final SnapshotSettings snapshots;
  private final Consumer<String> log;

  private Init(Builder b) {
    this.migrations = Objects.requireNonNull(b.migrations, "migrations");
    this.schemaDirectory = Objects.requireNonNull(b.schemaDirectory, "schemaDirectory");
    this.throwaway = b.throwaway;
    this.snapshots = b.snapshots;
    this.log = b.log;
  }

  public static Builder configure() {
    return new Builder();
  }

  /** Writes the files; returns them in the order written. */
  public List<Path> run() {
    requireNoSqlFiles();
    Introspector introspector = Introspector.configure().historyTable(migrations.table()).build();
    try (MigratedDatabase migrated =
        MigratedDatabase.configure()
            .provider(throwaway)
            .migrations(migrations)
            .snapshots(snapshots)
            .log(log)
            .start()) {
      Catalog state;
      Catalog empty;
      try (Connection c = migrated.database().connect()) {
        state = introspector.load(c, Set.of());
      }
      try (ScratchDatabase fresh = ScratchDatabase.create(migrated.database(), "empty", null);
          Connection c = fresh.connect()) {
        empty = introspector.load(c, Set.of());
      }
      DiffResult all = NewSchemas.createdEmpty(SchemaComparator.compare(state, empty));
      Map<ObjectKind, List<Difference>> byKind = new EnumMap<>(ObjectKind.class);
      for (Difference d : all.differences()) {
        byKind.computeIfAbsent(d.objectKind(), k -> new ArrayList<>()).add(d);
      }
      List<Path> written = new ArrayList<>();
      for (Map.Entry<ObjectKind, List<Difference>> e : byKind.entrySet()) {
        DiffResult part = new DiffResult(e.getValue(), all.expected(), all.actual());
        String script = SqlRenderer.configure().renames(false).build().script(part, "empty");
        StringBuilder text =
            new StringBuilder("-- Desired state: ")
                .append(e.getKey().plural().toLowerCase(Locale.ROOT))
                .append(". Written by drydock draft --init from the migrations; edit freely,")
                .append(" the files load in any order.\n");
        for (DraftScript.Block b : DraftScript.blocks(script)) {
          text.append('\n').append(b.text()).append('\n');
        }
        String name = e.getKey().id() + (e.getKey().id().endsWith("s") ? "es" : "s") + ".sql";
        written.add(
            MigrationWriter.write(schemaDirectory, new PulledMigration("", name, text.toString())));
      }
      return written;
    } catch (SQLException e) {
      throw new DraftException("Database error: " + e.getMessage(), e);
    }
  }

  private void requireNoSqlFiles() {
    if (!Files.isDirectory(schemaDirectory)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(schemaDirectory)) {
      List<Path> sql = walk.filter(p -> p.toString().endsWith(".sql")).limit(3).toList();
      if (!sql.isEmpty()) {
        throw new DraftException(
            "The desired-state folder "
                + schemaDirectory
                + " has SQL files already ("
                + sql.get(0).getFileName()
                + (sql.size() > 1 ? ", ..." : "")
                + "): --init writes only into an empty folder, nothing was written");
      }
    } catch (IOException e) {
      throw new DraftException("Cannot list " + schemaDirectory + ": " + e.getMessage(), e);
    }
  }

  /** Fluent builder; every setter returns {@code this}. */
  public static final class Builder {
    private Migrations migrations;
    private Path schemaDirectory = Path.of("schema");
    private ProviderSettings throwaway = ProviderSettings.defaults();
    private SnapshotSettings snapshots = SnapshotSettings.defaults();
    private Consumer<String> log = line -> {};

    private Builder() {}

    public Builder migrations(Migrations migrations) {
      this.migrations = migrations;
      return this;
    }

    public Builder schemaDirectory(Path directory) {
      this.schemaDirectory = directory;
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

    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    public Init build() {
      return new Init(this);
    }
  }
}
