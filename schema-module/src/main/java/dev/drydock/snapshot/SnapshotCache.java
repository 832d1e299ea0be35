package dev.drydock.snapshot;

import dev.drydock.files.FileTrees;
import dev.drydock.provider.CacheLock;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The migration snapshots in Drydock's cache: {@code <cache>/snapshots/<identity>/<key>/} holding
 * the stopped cluster ({@code data/}) and what it is ({@value #META}, whose modification time is
 * when it was last used). Every read and write happens under one {@link CacheLock}, so concurrent
 * builds share the cache; a snapshot is written as {@code <key>.tmp-*} and renamed into place, so a
 * half-written one is never used; eviction renames to {@code .trash-*} before deleting.
 */
public final class SnapshotCache {

  static final String META = "snapshot.properties";

  private final Path root;

  private SnapshotCache(Path root) {
    this.root = root;
  }

  /** The snapshots under Drydock's cache directory (see {@code ProviderSettings}). */
  public static SnapshotCache at(Path cacheDirectory) {
    return new SnapshotCache(cacheDirectory.resolve("snapshots"));
  }

  /** The directory holding every snapshot. */
  public Path directory() {
    return root;
  }

  /** Every complete snapshot, most recently used first. */
  public List<Snapshot> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    return locked(this::readAll);
  }

  /**
   * Deletes every snapshot (nothing else of the cache: binaries and the empty cluster stay).
   *
   * @return the snapshots deleted
   */
  public List<Snapshot> clear() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    return locked(
        () -> {
          List<Snapshot> all = readAll();
          for (Snapshot s : all) {
            remove(dir(s.identity(), s.key()));
          }
          return all;
        });
  }

  /**
   * Copies the first of {@code keys} that the cache has into {@code data} (which must not exist),
   * marking it used; empty when it has none of them.
   */
  Optional<String> copyFirst(String identity, List<String> keys, Path data) throws IOException {
    Path parent = root.resolve(identity);
    if (!Files.isDirectory(parent)) {
      return Optional.empty();
    }
    return CacheLock.holding(
        lockFile(),
        () -> {
          Set<String> present = complete(parent);
          for (String key : keys) {
            if (present.contains(key)) {
              Path dir = parent.resolve(key);
              FileTrees.copy(dir.resolve("data"), data);
              Files.setLastModifiedTime(dir.resolve(META), FileTime.from(Instant.now()));
              return Optional.of(key);
            }
          }
          return Optional.empty();
        });
  }

  /** True when the cache has the snapshot {@code key}. */
  boolean has(String identity, String key) {
    return Files.isRegularFile(dir(identity, key).resolve(META));
  }

  /**
   * Saves a copy of the stopped cluster {@code data} as {@code key} (unless present), then evicts
   * the least recently used snapshots until all fit in {@code maxBytes}.
   */
  void save(Snapshot what, Path data, long maxBytes) throws IOException {
    Path target = dir(what.identity(), what.key());
    CacheLock.holding(
        lockFile(),
        () -> {
          Files.createDirectories(target.getParent());
          deleteLeftovers(target.getParent());
          if (Files.isRegularFile(target.resolve(META))) {
            Files.setLastModifiedTime(target.resolve(META), FileTime.from(Instant.now()));
            return null;
          }
          FileTrees.deleteQuietly(target);
          Path tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp-");
          try {
            FileTrees.copy(data, tmp.resolve("data"));
            long bytes = size(tmp);
            write(tmp.resolve(META), what, bytes);
            move(tmp, target);
          } finally {
            FileTrees.deleteQuietly(tmp);
          }
          evict(maxBytes);
          return null;
        });
  }

  /** Deletes one snapshot (one that failed to start, say). */
  void discard(String identity, String key) throws IOException {
    CacheLock.holding(
        lockFile(),
        () -> {
          remove(dir(identity, key));
          return null;
        });
  }

  /** Staging and trash of a writer that was killed: only call under the lock. */
  private static void deleteLeftovers(Path identity) throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(identity, "*.{tmp,trash}-*")) {
      for (Path leftover : leftovers) {
        FileTrees.deleteQuietly(leftover);
      }
    }
  }

  private void evict(long maxBytes) throws IOException {
    List<Snapshot> all = new ArrayList<>(readAll());
    long total = all.stream().mapToLong(Snapshot::sizeBytes).sum();
    all.sort(Comparator.comparing(Snapshot::lastUsed));
    for (Snapshot oldest : all) {
      if (total <= maxBytes) {
        break;
      }
      remove(dir(oldest.identity(), oldest.key()));
      total -= oldest.sizeBytes();
    }
  }

  private List<Snapshot> readAll() throws IOException {
    List<Snapshot> all = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return all;
    }
    try (DirectoryStream<Path> identities = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path identity : identities) {
        for (String key : complete(identity)) {
          read(identity.getFileName().toString(), key, identity.resolve(key).resolve(META))
              .ifPresent(all::add);
        }
      }
    }
    all.sort(Comparator.comparing(Snapshot::lastUsed).reversed());
    return all;
  }

  /** Names of the complete snapshots under one identity (staging and trash left out). */
  private static Set<String> complete(Path identity) throws IOException {
    try (Stream<Path> children = Files.list(identity)) {
      return children
          .filter(p -> !p.getFileName().toString().contains("."))
          .filter(p -> Files.isRegularFile(p.resolve(META)))
          .map(p -> p.getFileName().toString())
          .collect(java.util.stream.Collectors.toSet());
    }
  }

  private static Optional<Snapshot> read(String identity, String key, Path meta) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(meta)) {
      p.load(in);
      return Optional.of(
          new Snapshot(
              identity,
              key,
              Snapshot.Kind.valueOf(p.getProperty("kind")),
              Integer.parseInt(p.getProperty("versioned")),
              p.getProperty("first", ""),
              p.getProperty("last", ""),
              Integer.parseInt(p.getProperty("repeatable", "0")),
              p.getProperty("location", ""),
              Long.parseLong(p.getProperty("bytes")),
              Instant.parse(p.getProperty("created")),
              Files.getLastModifiedTime(meta).toInstant()));
    } catch (IOException | RuntimeException unreadable) {
      // written by another Drydock version or damaged: listed as nothing, evicted never; clear
      // removes the directory with the rest
      return Optional.empty();
    }
  }

  private static void write(Path meta, Snapshot s, long bytes) throws IOException {
    Properties p = new Properties();
    p.setProperty("kind", s.kind().name());
    p.setProperty("versioned", Integer.toString(s.versionedCount()));
    p.setProperty("first", s.firstVersion());
    p.setProperty("last", s.lastVersion());
    p.setProperty("repeatable", Integer.toString(s.repeatableCount()));
    p.setProperty("location", s.location());
    p.setProperty("bytes", Long.toString(bytes));
    p.setProperty("created", Instant.now().toString());
    try (Writer out = Files.newBufferedWriter(meta)) {
      p.store(out, "Drydock migration snapshot");
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Renames first (a reader never sees a half-deleted snapshot), then deletes. */
  private static void remove(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Path trash = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".trash-");
    Files.delete(trash);
    move(dir, trash);
    FileTrees.deleteQuietly(trash);
  }

  private Path dir(String identity, String key) {
    return root.resolve(identity).resolve(key);
  }

  private Path lockFile() {
    return root.resolve(".lock");
  }

  private <T> T locked(CacheLock.Work<T> work) {
    try {
      return CacheLock.holding(lockFile(), work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
