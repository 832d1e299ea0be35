package dev.drydock.lint;

import dev.drydock.files.FileTrees;
import dev.drydock.lint.observe.Observation;
import dev.drydock.lint.observe.ObservationFile;
import dev.drydock.lint.observe.ObservedMigration;
import dev.drydock.lint.observe.Observer;
import dev.drydock.lint.rules.Finding;
import dev.drydock.lint.rules.LintContext;
import dev.drydock.lint.rules.LintRule;
import dev.drydock.lint.rules.Rules;
import dev.drydock.migrate.MigrationChain;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.EmbeddedClusters;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * {@code drydock lint} as a library: starts a throwaway from the snapshot of the migrations before
 * the first new one, applies the new ones with Flyway while observing every statement, runs the
 * rules, judges allowances and, with a live database, adds each relation's size. Build with {@link
 * #configure()}:
 *
 * <pre>{@code
 * LintReport report =
 *     Lint.configure().migrations(migrations).newMigrations(NewMigrations.since("41")).build().run();
 * }</pre>
 */
public final class Lint {

  private final ProviderSettings provider;
  private final SnapshotSettings snapshots;
  private final Migrations migrations;
  private final NewMigrations newMigrations;
  private final DataSource live;
  private final Path allowFile;
  private final List<LintRule> rules;
  private final Consumer<String> log;

  private Lint(Builder b) {
    this.provider = b.provider;
    this.snapshots = b.snapshots;
    this.migrations = Objects.requireNonNull(b.migrations, "migrations");
    this.newMigrations = Objects.requireNonNull(b.newMigrations, "newMigrations");
    this.live = b.live;
    this.allowFile = b.allowFile;
    this.rules = List.copyOf(b.rules);
    this.log = b.log;
  }

  public static Builder configure() {
    return new Builder();
  }

  /**
   * Lints the new migrations.
   *
   * @throws dev.drydock.migrate.MigrationException when a migration fails (file and line)
   * @throws SQLException when a database cannot be read
   */
  public LintReport run() throws SQLException {
    migrations.requireMigrations();
    NewMigrations.Selection selection = newMigrations.select(migrations);
    if (selection.isEmpty()) {
      return new LintReport(0, "nothing started", live != null, List.of(), List.of(), rules);
    }
    Observed observed = observe(selection);
    Observation observation = observed.observation();
    // one connection to the live database for its lock_timeout and the sizes (null: none)
    try (Connection c = live == null ? null : live.getConnection()) {
      long liveLockTimeout = c == null ? 0 : LiveFacts.lockTimeout(c);
      LintContext context = new LintContext(observation, transactionalLock(), liveLockTimeout);
      List<Finding> findings = new ArrayList<>();
      for (ObservedMigration m : observation.migrations()) {
        for (LintRule rule : rules) {
          findings.addAll(rule.findings(m, context));
        }
      }
      List<Allowances.Judged> judged =
          Allowances.read(observation.migrations(), allowFile).judge(findings, rules);
      Map<String, LiveRelation> sizes = c == null ? Map.of() : liveSizes(c, judged);
      List<LintReport.Reported> reported =
          judged.stream()
              .map(
                  j ->
                      new LintReport.Reported(
                          j.finding(),
                          j.finding().relations().stream()
                              .filter(sizes::containsKey)
                              .map(sizes::get)
                              .toList(),
                          j.allowedBecause()))
              .toList();
      List<LintReport.Migration> applied =
          observation.migrations().stream()
              .map(
                  m ->
                      new LintReport.Migration(
                          m.script(), m.file(), m.transactional(), m.statements().size()))
              .toList();
      return new LintReport(
          observation.serverVersion(),
          observed.startedFrom(),
          live != null,
          applied,
          reported,
          rules);
    }
  }

  private boolean transactionalLock() {
    String lock = migrations.settings().get("postgresql.transactional.lock");
    return lock == null || !lock.strip().equalsIgnoreCase("false");
  }

  private static Map<String, LiveRelation> liveSizes(Connection c, List<Allowances.Judged> judged)
      throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    judged.forEach(j -> names.addAll(j.finding().relations()));
    return LiveFacts.relations(c, names);
  }

  /**
   * The new migrations applied and observed on a throwaway holding the versioned migrations before
   * the first new one (and the callbacks), started from their snapshot when the cache has it. The
   * observation is kept with that snapshot: a second lint of the same new migrations on the same
   * prefix reads it back instead of starting a server ({@link ObservationKey} says what it depends
   * on). The throwaway must never be saved as the prefix's snapshot after the new ones ran on it: a
   * start that would save at close is closed at once (saving the prefix) and started again from
   * what it saved.
   */
  private Observed observe(NewMigrations.Selection selection) throws SQLException {
    Observer observer =
        Observer.configure().migrations(migrations).newFiles(selection.files()).build();
    int length = selection.prefixLength();
    if (length == 0) {
      try (ThrowawayDatabase db = ThrowawayDatabase.start(provider)) {
        return new Observed(observer.observe(db.dataSource()), "empty cluster");
      }
    }
    String keptName = ObservationKey.of(migrations, length, selection.files());
    Optional<ObservationFile.Kept> kept = keptAfter(length, keptName);
    if (kept.isPresent()) {
      return new Observed(
          kept.get().observation(),
          kept.get().startedFrom() + ", observation kept from an earlier run");
    }
    Path dir = copyPrefix(length);
    try {
      MigratedDatabase.Builder builder = prefixBuilder(dir);
      MigratedDatabase migrated = builder.start();
      boolean saving = snapshots.enabled() && EmbeddedClusters.identity(provider).isPresent();
      if (saving && migrated.applied() > 0) {
        migrated.saveFinalState();
        migrated.close();
        migrated = builder.start();
        if (migrated.applied() > 0) {
          migrated.close();
          migrated = builder.snapshots(SnapshotSettings.disabled()).start();
        }
      }
      try (MigratedDatabase prefix = migrated) {
        Observation observation = observer.observe(prefix.database().dataSource());
        prefix.keepFile(keptName, ObservationFile.write(observation, prefix.startedFrom()));
        return new Observed(observation, prefix.startedFrom());
      }
    } finally {
      FileTrees.deleteQuietly(dir);
    }
  }

  /**
   * The observation kept under {@code name} with the prefix's snapshot, if it can be read. Looked
   * up under the key of the first {@code length} migrations of the whole chain, with no copy of the
   * prefix: that is the prefix's own key when no callback or target dialect is added to it (else
   * the lookup misses, and the observation is made again).
   */
  private Optional<ObservationFile.Kept> keptAfter(int length, String name) {
    Optional<byte[]> bytes =
        MigratedDatabase.configure()
            .provider(provider)
            .migrations(migrations)
            .snapshots(snapshots)
            .cachedFileAfter(length, name);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ObservationFile.read(bytes.get(), migrations::locate));
    } catch (IOException unreadable) {
      log.accept("The kept observation could not be used: " + unreadable.getMessage());
      return Optional.empty();
    }
  }

  private MigratedDatabase.Builder prefixBuilder(Path dir) {
    Migrations prefix =
        Migrations.configure()
            .location(dir)
            .settings(migrations.settings())
            .placeholders(migrations.placeholders())
            .schemas(migrations.schemas())
            .table(migrations.table())
            .throwawayLockTimeout(migrations.throwawayLockTimeout())
            .build();
    return MigratedDatabase.configure()
        .provider(provider)
        .migrations(prefix)
        .snapshots(snapshots)
        .log(log);
  }

  /** What was observed, and where the throwaway started from. */
  private record Observed(Observation observation, String startedFrom) {}

  private Path copyPrefix(int length) {
    MigrationChain chain = migrations.chain();
    try {
      Path dir = Files.createTempDirectory("drydock-lint-prefix-");
      List<Path> files = new ArrayList<>(chain.callbacks());
      chain.versioned().subList(0, length).forEach(v -> files.addAll(v.files()));
      for (Path f : files) {
        Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fluent builder; {@link #build()} ends it. */
  public static final class Builder {
    private ProviderSettings provider = ProviderSettings.defaults();
    private SnapshotSettings snapshots = SnapshotSettings.defaults();
    private Migrations migrations;
    private NewMigrations newMigrations;
    private DataSource live;
    private Path allowFile;
    private List<LintRule> rules = Rules.ALL;
    private Consumer<String> log = line -> {};

    private Builder() {}

    /** The throwaway PostgreSQL (its binaries decide the major the rules observe). */
    public Builder provider(ProviderSettings provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    public Builder snapshots(SnapshotSettings snapshots) {
      this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
      return this;
    }

    public Builder migrations(Migrations migrations) {
      this.migrations = Objects.requireNonNull(migrations, "migrations");
      return this;
    }

    public Builder newMigrations(NewMigrations newMigrations) {
      this.newMigrations = Objects.requireNonNull(newMigrations, "newMigrations");
      return this;
    }

    /** The live database, read-only: relation sizes and its default {@code lock_timeout}. */
    public Builder live(DataSource live) {
      this.live = live;
      return this;
    }

    /** The project's file of allowed findings (null: none). */
    public Builder allowFile(Path allowFile) {
      this.allowFile = allowFile;
      return this;
    }

    /** The rules to run (default {@link Rules#ALL}). */
    public Builder rules(List<LintRule> rules) {
      this.rules = List.copyOf(rules);
      return this;
    }

    /** Where lines for people go (snapshots used, ...). */
    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    public Lint build() {
      return new Lint(this);
    }
  }
}
