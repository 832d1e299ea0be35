package dev.drydock.bench;

import dev.drydock.bench.SnapshotRounds.Op;
import dev.drydock.bench.SnapshotRounds.Samples;
import dev.drydock.files.FileTrees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code snapshots} section (issue 15): what migration snapshots save, as ratios to the same
 * operation with snapshots disabled, measured in the same rounds, on a generated history of 200
 * migrations and on Pagila split into 45 ({@link SnapshotSubject}): one migration added (generate),
 * nothing changed ({@code drydock diff} against a live database), and a cold snapshot cache; then
 * the cache's disk use and where the time of a snapshot start goes ({@link SnapshotAnatomy}).
 * Options: {@code --snapshot-rounds=N} (default 3), {@code --snapshot-corpora=history,pagila}.
 */
final class SnapshotSection implements Section {

  static final double ADDED_TARGET = 0.5;
  static final double UNCHANGED_TARGET = 0.4;

  private final int rounds;
  private final List<String> corpora;
  private final Path work;

  SnapshotSection(Map<String, String> options, Path work) {
    this.rounds = Integer.parseInt(options.getOrDefault("snapshot-rounds", "3"));
    if (rounds < 1) {
      throw new IllegalArgumentException("--snapshot-rounds must be at least 1, not " + rounds);
    }
    this.corpora =
        Arrays.asList(options.getOrDefault("snapshot-corpora", "history,pagila").split(","));
    this.work = work;
  }

  @Override
  public String run() throws Exception {
    String load = Machine.sectionLoad();
    Map<SnapshotSubject, Samples> samples = new LinkedHashMap<>();
    Map<SnapshotSubject, CacheDiskUse> disk = new LinkedHashMap<>();
    Map<SnapshotSubject, String> anatomy = new LinkedHashMap<>();
    for (String name : corpora) {
      SnapshotSubject subject = SnapshotSubject.named(name);
      Path dir = work.resolve("snapshots-" + subject.label());
      Machine.progress(
          "snapshots: " + subject.description() + ", " + rounds + " rounds after a warm-up round");
      Samples s = new SnapshotRounds(subject, rounds, dir, Machine::progress).run();
      samples.put(subject, s);
      disk.put(subject, CacheDiskUse.of(s.lastCache()));
      Machine.progress("snapshots: " + subject.label() + ": cache " + disk.get(subject).describe());
      anatomy.put(subject, new SnapshotAnatomy(subject, rounds, dir, Machine::progress).run());
      FileTrees.deleteQuietly(dir);
    }
    return report(load, samples, disk, anatomy);
  }

  private String report(
      String load,
      Map<SnapshotSubject, Samples> samples,
      Map<SnapshotSubject, CacheDiskUse> disk,
      Map<SnapshotSubject, String> anatomy) {
    StringBuilder r = new StringBuilder("## Migration snapshots (issue 15)\n\n").append(load);
    r.append("Each round has its own fresh cache directory, first filled with the PostgreSQL")
        .append(
            " binaries and the initdb cluster (one throwaway start and stop, timed apart and in")
        .append(" no ratio), so the snapshot cache starts empty and rounds are independent. In")
        .append(" each round, in this order: ");
    List<String> ops = new ArrayList<>();
    for (Op op : Op.values()) {
      ops.add(op.label);
    }
    r.append(String.join("; ", ops))
        .append(". *generate* is `CodeGeneration` in-process, forced past the no-op fingerprint")
        .append(" (migrations applied, jOOQ sources generated), *N+1* every migration and *N* all")
        .append(" but the last; *diff* is `drydock diff` run in-process through picocli against a")
        .append(" live database (a second embedded server migrated once from the same files, so")
        .append(" every diff must exit 0, no drift). One warm-up round first (JIT), not counted.")
        .append(" Ratios are taken within each round: median (min–max) over ")
        .append(rounds)
        .append(" rounds.\n\n");
    r.append(targets(samples));
    MarkdownTable times = MarkdownTable.of(header("operation", samples));
    for (Op op : Op.values()) {
      List<Object> row = new ArrayList<>(List.of(op.label));
      for (Samples s : samples.values()) {
        List<Integer> applied = s.applied().get(op);
        row.add(
            s.stats(op).millis()
                + (applied == null ? "" : "; Flyway applied " + distinct(applied)));
      }
      times.row(row.toArray());
    }
    List<Object> primeRow = new ArrayList<>(List.of("filling a fresh cache (binaries, initdb)"));
    samples.values().forEach(s -> primeRow.add(Stats.of(s.prime()).millis()));
    times.row(primeRow.toArray());
    r.append("Times (wall, median (min–max, n)):\n\n").append(times).append('\n');
    r.append("Disk use of the cache after a subject's round (the last round's cache):\n\n");
    disk.forEach(
        (subject, d) ->
            r.append("- ").append(subject.label()).append(": ").append(d.describe()).append('\n'));
    r.append('\n');
    anatomy.values().forEach(r::append);
    return r.toString();
  }

  private static String[] header(String first, Map<SnapshotSubject, Samples> samples) {
    List<String> header = new ArrayList<>(List.of(first));
    samples.keySet().forEach(s -> header.add(s.label() + " (" + s.description() + ")"));
    return header.toArray(String[]::new);
  }

  private String targets(Map<SnapshotSubject, Samples> samples) {
    List<String> header = new ArrayList<>(List.of("target"));
    samples.keySet().forEach(s -> header.add(s.label()));
    header.add("met?");
    MarkdownTable t = MarkdownTable.of(header.toArray(String[]::new));
    t.row(
        target(
            "one migration added: generate N+1 ÷ generate N+1 with snapshots disabled ≤ "
                + ADDED_TARGET
                + "x",
            samples,
            Op.ADDED,
            Op.FULL_ALL,
            ADDED_TARGET));
    t.row(
        target(
            "unchanged: `drydock diff` (warm cache) ÷ `drydock diff --no-snapshots` ≤ "
                + UNCHANGED_TARGET
                + "x",
            samples,
            Op.DIFF_WARM,
            Op.DIFF_NO_SNAPSHOTS,
            UNCHANGED_TARGET));
    t.row(
        cold(
            "cold snapshot cache: generate N (defaults: intermediate snapshots every 50) ÷"
                + " generate N with snapshots disabled ≈ 1.0 (met: ≤ 1.05 at the median, or 1.0 within"
                + " the rounds' min–max)",
            samples,
            Op.COLD_PREFIX));
    t.row(
        cold(
            "cold snapshot cache, `interval(0)` (final state only): generate N ÷ generate N"
                + " with snapshots disabled ≈ 1.0",
            samples,
            Op.COLD_FINAL_ONLY));
    return "Targets:\n\n" + t + "\n";
  }

  private static Object[] cold(String label, Map<SnapshotSubject, Samples> samples, Op op) {
    List<Object> row = new ArrayList<>(List.of(label));
    boolean met = true;
    for (Samples s : samples.values()) {
      Stats ratio = s.ratio(op, Op.FULL_PREFIX);
      met &= ratio.median() <= 1.05 || ratio.min() <= 1.0;
      row.add(ratioText(ratio));
    }
    row.add(met ? "**yes**" : "**no**");
    return row.toArray();
  }

  private static Object[] target(
      String label, Map<SnapshotSubject, Samples> samples, Op op, Op baseline, double limit) {
    List<Object> row = new ArrayList<>(List.of(label));
    boolean met = true;
    for (Samples s : samples.values()) {
      Stats ratio = s.ratio(op, baseline);
      met &= ratio.median() <= limit;
      row.add(
          ratioText(ratio)
              + " ("
              + s.stats(op).millis()
              + " ÷ "
              + s.stats(baseline).millis()
              + ")");
    }
    row.add(met ? "**yes**" : "**no**");
    return row.toArray();
  }

  /** {@code 0.42x (0.40–0.45)}. */
  static String ratioText(Stats ratios) {
    return String.format(
        Locale.ROOT, "**%.2fx** (%.2f–%.2f)", ratios.median(), ratios.min(), ratios.max());
  }

  private static String distinct(List<Integer> counts) {
    List<Integer> d = counts.stream().distinct().toList();
    return d.size() == 1 ? String.valueOf(d.get(0)) : d.toString();
  }
}
