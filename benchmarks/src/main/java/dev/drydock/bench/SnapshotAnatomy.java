package dev.drydock.bench;

import dev.drydock.bench.corpus.MigrationFile;
import dev.drydock.files.FileTrees;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the time of a start from a snapshot goes: {@code MigratedDatabase.start} and {@code close}
 * timed apart in each case (snapshots disabled; cold; one migration added; unchanged), next to the
 * pieces without snapshots (a throwaway start, Flyway applying everything, the stop), each
 * repetition on its own fresh cache. No jOOQ: only the database part of a generate or a diff.
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
      }
      lap(steps, "no snapshots: stop", t);
      timed(steps, startedFrom, "snapshots disabled, N+1", provider, all,
          SnapshotSettings.disabled());
      timed(steps, startedFrom, "cold, N", provider, prefix, SnapshotSettings.defaults());
      timed(steps, startedFrom, "one added, N+1", provider, all, SnapshotSettings.defaults());
      timed(steps, startedFrom, "unchanged, N+1", provider, all, SnapshotSettings.defaults());
      steps
          .computeIfAbsent("snapshots of this cache (du, MB)", k -> new ArrayList<>())
          .add(CacheDiskUse.du(cache.resolve("snapshots")) * 1024 / 1e6);
      FileTrees.deleteQuietly(cache);
      progress.accept("snapshots: " + subject.label() + ": anatomy " + (rep + 1) + "/"
          + repetitions);
    }
    MarkdownTable table = MarkdownTable.of("step", "time (ms), median (min–max, n)");
    steps.forEach((step, samples) -> table.row(step, Stats.of(samples).millis()));
    StringBuilder r = new StringBuilder("### Where the time goes: ").append(subject.label());
    r.append("\n\n`MigratedDatabase.start` (and `close`, which saves the snapshot) timed apart,")
        .append(" next to a throwaway start, Flyway and a stop without snapshots; each")
        .append(" repetition on its own fresh cache, in this order. Started from, as")
        .append(" `startedFrom()` says:\n\n");
    startedFrom.forEach((k, v) -> r.append("- ").append(k).append(": ").append(v).append('\n'));
    return r.append('\n').append(table).append('\n').toString();
  }

  private static void timed(
      Map<String, List<Double>> steps,
      Map<String, String> startedFrom,
      String label,
      ProviderSettings provider,
      Migrations migrations,
      SnapshotSettings snapshots) {
    long t = System.nanoTime();
    MigratedDatabase db = MigratedDatabase.start(provider, migrations, snapshots);
    try {
      lap(steps, label + ": `MigratedDatabase.start`", t);
      startedFrom.put(label, db.startedFrom() + "; Flyway applied " + db.applied().size());
    } finally {
      t = System.nanoTime();
      db.close();
      lap(steps, label + ": `close`", t);
    }
  }

  private static Migrations migrations(Path dir) {
    return Migrations.configure().location(dir).build();
  }

  private static void lap(Map<String, List<Double>> steps, String step, long startedNanos) {
    steps
        .computeIfAbsent(step, k -> new ArrayList<>())
        .add((System.nanoTime() - startedNanos) / 1e6);
  }
}
