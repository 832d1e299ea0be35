package dev.drydock.bench;

import dev.drydock.bench.corpus.MigrationFile;
import dev.drydock.files.FileTrees;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.EmbeddedClusters;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.SavableCluster;
import dev.drydock.provider.ThrowawayDatabase;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.Snapshot;
import dev.drydock.snapshot.SnapshotCache;
import dev.drydock.snapshot.SnapshotSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the time of the snapshot path goes, without jOOQ (only the database part of a generate or a
 * diff): {@code MigratedDatabase} start and {@code close} (which saves the snapshot) timed apart
 * for snapshots disabled, cold, one migration added and unchanged; next to them the pieces without
 * snapshots (a throwaway start, Flyway applying everything, the stop) and the pieces a snapshot
 * adds: copying the largest snapshot's archive out of the cache into the server's work directory
 * and back (the bytes a start reads and a save writes), and a stop and start of the server ({@link
 * SavableCluster}, as each save does). Each repetition on its own fresh cache.
 */
final class SnapshotAnatomy {

  private final SnapshotSubject subject;
  private final int repetitions;
  private final Path work;
  private final Consumer<String> progress;

  SnapshotAnatomy(SnapshotSubject subject, int repetitions, Path work, Consumer<String> progress) {
    this.subject = subject;
    this.repetitions = repetitions;
    this.work = work.resolve("anatomy");
    this.progress = progress;
  }

  /** The section's Markdown for this subject. */
  String run() throws Exception {
    Migrations prefix =
        migrations(MigrationFile.writeFirst(subject.files(), subject.prefix(), work.resolve("n")));
    Migrations all =
        migrations(MigrationFile.writeFirst(subject.files(), subject.all(), work.resolve("n1")));
    Map<String, List<Double>> steps = new LinkedHashMap<>();
    Map<String, String> startedFrom = new LinkedHashMap<>();
    for (int rep = 0; rep < repetitions; rep++) {
      Path cache = Files.createDirectories(work.resolve("cache-" + rep));
      ProviderSettings provider = subject.provider(cache);
      ThrowawayDatabase.start(provider).close(); // binaries and initdb cluster cached
      long t = System.nanoTime();
      try (ThrowawayDatabase db = ThrowawayDatabase.start(provider)) {
        lap(steps, "no snapshots: throwaway start (initdb cluster copied, server started)", t);
        t = System.nanoTime();
        all.onThrowaway().migrate(db.dataSource());
        lap(steps, "no snapshots: Flyway applies N+1", t);
        t = System.nanoTime();
        all.onThrowaway().migrate(db.dataSource());
        lap(steps, "piece: Flyway migrate with nothing pending (resolves, validates N+1)", t);
        SavableCluster cluster = db.savable().orElseThrow();
        t = System.nanoTime();
        cluster.stop();
        lap(steps, "piece: stop the server (fast shutdown, as before a save)", t);
        t = System.nanoTime();
        cluster.start();
        lap(steps, "piece: start it again on the same directory (as after a save)", t);
        t = System.nanoTime();
      }
      lap(steps, "no snapshots: close (stop, delete)", t);
      t = System.nanoTime();
      EmbeddedClusters.identity(provider);
      lap(
          steps,
          "piece: `EmbeddedClusters.identity` (binaries key, `unshare -U` probe as root)",
          t);
      t = System.nanoTime();
      all.onThrowaway().chain();
      lap(steps, "piece: `Migrations.chain()` (lists the N+1 files)", t);
      timed(steps, startedFrom, "snapshots disabled, N+1", provider, all, disabled());
      timed(steps, startedFrom, "cold, N", provider, prefix, SnapshotSettings.defaults());
      timed(steps, startedFrom, "one added, N+1", provider, all, SnapshotSettings.defaults());
      timed(steps, startedFrom, "unchanged, N+1", provider, all, SnapshotSettings.defaults());
      copies(steps, cache, provider);
      FileTrees.deleteQuietly(cache);
      progress.accept(
          "snapshots: " + subject.label() + ": anatomy " + (rep + 1) + "/" + repetitions);
    }
    MarkdownTable table = MarkdownTable.of("step", "median (min–max, n)");
    steps.forEach((step, samples) -> table.row(step, format(step, Stats.of(samples))));
    StringBuilder r = new StringBuilder("### Where the time goes: ").append(subject.label());
    r.append("\n\nNo jOOQ here. `MigratedDatabase` start and `close` (which saves the snapshot")
        .append(" when it is new) timed apart, in this order on a fresh cache per repetition;")
        .append(" next to them a throwaway start, Flyway and a stop without snapshots, and the")
        .append(" pieces a snapshot adds. Started")
        .append(" from, as `startedFrom()` says:\n\n");
    startedFrom.forEach((k, v) -> r.append("- ").append(k).append(": ").append(v).append('\n'));
    return r.append('\n').append(table).append('\n').toString();
  }

  private static SnapshotSettings disabled() {
    return SnapshotSettings.disabled();
  }

  private static void timed(
      Map<String, List<Double>> steps,
      Map<String, String> startedFrom,
      String label,
      ProviderSettings provider,
      Migrations migrations,
      SnapshotSettings snapshots) {
    long t = System.nanoTime();
    MigratedDatabase db =
        MigratedDatabase.configure()
            .provider(provider)
            .migrations(migrations)
            .snapshots(snapshots)
            .start();
    try {
      lap(steps, label + ": start", t);
      startedFrom.put(label, db.startedFrom() + ", Flyway applied " + db.applied());
    } finally {
      t = System.nanoTime();
      db.close();
      lap(steps, label + ": close", t);
    }
  }

  /**
   * The copies of a start from, and a save of, the largest snapshot: cache to the server's work
   * directory parent (tmpfs when there is one) and back into the cache's directory.
   */
  private static void copies(Map<String, List<Double>> steps, Path cache, ProviderSettings p)
      throws Exception {
    Snapshot largest =
        SnapshotCache.at(cache).list().stream()
            .max(Comparator.comparingLong(Snapshot::sizeBytes))
            .orElseThrow(() -> new IllegalStateException("no snapshot saved in " + cache));
    Path archive =
        SnapshotCache.at(cache)
            .directory()
            .resolve(largest.identity())
            .resolve(largest.key())
            .resolve("cluster.tar");
    sample(steps, "largest snapshot: MB", largest.sizeBytes() / 1e6);
    Path out =
        Files.createTempDirectory(ProviderSettings.defaultWorkDirectoryParent(), "snapbench");
    Path back = cache.resolve("copy-back.tar");
    try {
      long t = System.nanoTime();
      Files.copy(archive, out.resolve("cluster.tar"));
      lap(steps, "piece: copy its archive from the cache to " + p.kind() + "'s work directory", t);
      t = System.nanoTime();
      Files.copy(out.resolve("cluster.tar"), back);
      lap(steps, "piece: copy the archive back into the cache directory (as a save writes)", t);
    } finally {
      FileTrees.deleteQuietly(out);
      Files.deleteIfExists(back);
    }
  }

  private static String format(String step, Stats s) {
    if (step.endsWith(": MB") || step.endsWith(": files")) {
      return String.format(
          java.util.Locale.ROOT, "%.1f (%.1f–%.1f, n=%d)", s.median(), s.min(), s.max(), s.n());
    }
    return s.millis();
  }

  private static Migrations migrations(Path dir) {
    return Migrations.configure().location(dir).build();
  }

  private static void sample(Map<String, List<Double>> steps, String step, double value) {
    steps.computeIfAbsent(step, k -> new ArrayList<>()).add(value);
  }

  private static void lap(Map<String, List<Double>> steps, String step, long startedNanos) {
    sample(steps, step, (System.nanoTime() - startedNanos) / 1e6);
  }
}
