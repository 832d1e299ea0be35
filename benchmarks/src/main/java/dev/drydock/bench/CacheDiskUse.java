package dev.drydock.bench;

import dev.drydock.snapshot.Snapshot;
import dev.drydock.snapshot.SnapshotCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What Drydock's cache occupies after a subject's rounds: the snapshots as the cache lists them
 * ({@code SnapshotCache.list()}, their {@code sizeBytes()}), and {@code du -sk} of the snapshot
 * directory and of the whole cache (binaries and the initdb cluster included).
 *
 * @param entries the listed snapshots
 * @param ranges their migration ranges and sizes, e.g. {@code V1..V50 9.8 MB}, shortest first
 * @param listedBytes the sum of their sizes
 * @param duSnapshotsKiB {@code du -sk <cache>/snapshots}, -1 when du is not available
 * @param duCacheKiB {@code du -sk <cache>}, -1 when du is not available
 */
record CacheDiskUse(
    int entries, List<String> ranges, long listedBytes, long duSnapshotsKiB, long duCacheKiB) {

  static CacheDiskUse of(Path cache) {
    List<Snapshot> listed = SnapshotCache.at(cache).list();
    long bytes = listed.stream().mapToLong(Snapshot::sizeBytes).sum();
    return new CacheDiskUse(
        listed.size(),
        listed.stream()
            .sorted(java.util.Comparator.comparingInt(Snapshot::versionedCount))
            .map(s -> s.range() + String.format(Locale.ROOT, " %.1f MB", s.sizeBytes() / 1e6))
            .toList(),
        bytes,
        du(cache.resolve("snapshots")),
        du(cache));
  }

  /** {@code 123.4 MB in 5 snapshots (...); du: snapshots 120.0 MB, whole cache 180.2 MB}. */
  String describe() {
    return String.format(
        Locale.ROOT,
        "%.1f MB in %d snapshots (`SnapshotCache.list()` sizes: %s); du -sk: snapshots %s,"
            + " whole cache (binaries and initdb cluster included) %s",
        listedBytes / 1e6,
        entries,
        String.join(", ", ranges),
        mb(duSnapshotsKiB),
        mb(duCacheKiB));
  }

  private static String mb(long kib) {
    return kib < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MB", kib * 1024 / 1e6);
  }

  /** {@code du -sk}, waited for at most 60 s; -1 when it cannot run. */
  static long du(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try {
      Process p = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.exitValue() == 0 ? Long.parseLong(out.split("\\s+")[0]) : -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
