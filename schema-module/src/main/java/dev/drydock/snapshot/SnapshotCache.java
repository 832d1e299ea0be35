package dev.drydock.snapshot;

import dev.drydock.files.FileTrees;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.CatalogFile;
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
 * the stopped cluster ({@value #ARCHIVE}, see {@link ClusterArchive}) and what it is ({@value
 * #META}, whose modification time is when it was last used). Every read and write happens under one
 * {@link CacheLock}, so concurrent builds share the cache; a snapshot is written as {@code
 * <key>.tmp-*} and renamed into place, so a half-written one is never used; eviction renames to
 * {@code .trash-*} before deleting.
 */
public final class SnapshotCache {

  static final String META = "snapshot.properties";

  /** The cluster, as what differs from the empty template ({@link ClusterArchive}). */
  static final String ARCHIVE = "cluster.tar";

  /**
   * The format of a snapshot's directory, in its {@value #META}: one of another format (an older
   * Drydock's, without a checksum) is never used.
   */
  static final String FORMAT = "2";

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
   * Deletes every snapshot, with those whose metadata cannot be read and what killed writers left
   * (nothing else of the cache: binaries and the empty cluster stay).
   *
   * @return the snapshots deleted that could be read
   */
  public List<Snapshot> clear() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    return locked(
        () -> {
          List<Snapshot> all = readAll();
          for (Path identity : identities()) {
            remove(identity);
          }
          deleteLeftovers(root);
          return all;
        });
  }

  /**
   * Restores the first of {@code keys} that the cache has (and that was made against this {@code
   * template}) into {@code data} (which must not exist), marking it used; empty when it has none of
   * them.
   */
  Optional<String> copyFirst(
      String identity,
      List<String> keys,
      Path data,
      Path template,
      java.util.function.Consumer<String> unreadable)
      throws IOException {
    Path parent = root.resolve(identity);
    if (!Files.isDirectory(parent) || !Files.isDirectory(template)) {
      return Optional.empty();
    }
    String templateId = ClusterArchive.templateId(template);
    return CacheLock.holding(
        lockFile(),
        () -> {
          Set<String> present = complete(parent);
          for (String key : keys) {
            if (present.contains(key)) {
              Path dir = parent.resolve(key);
              if (!templateId.equals(property(dir.resolve(META), "template"))) {
                // made against another initdb of these binaries: of no use, ever
                remove(dir);
                continue;
              }
              String sha256 = property(dir.resolve(META), "sha256");
              if (!FORMAT.equals(property(dir.resolve(META), "format")) || sha256 == null) {
                remove(dir);
                unreadable.accept(
                    key + " was saved by another Drydock version (no checksum), discarded");
                continue;
              }
              try {
                ClusterArchive.restore(template, dir.resolve(ARCHIVE), data, sha256);
              } catch (IOException damaged) {
                FileTrees.deleteQuietly(data);
                remove(dir);
                unreadable.accept(key + " could not be read, discarded: " + damaged.getMessage());
                continue;
              }
              Files.setLastModifiedTime(dir.resolve(META), FileTime.from(Instant.now()));
              return Optional.of(key);
            }
          }
          return Optional.empty();
        });
  }

  /**
   * The catalog kept under {@code name} with the snapshot {@code key}, marking the snapshot used;
   * empty when there is none (or it cannot be read: it is deleted then).
   */
  Optional<Catalog> catalog(
      String identity, String key, String name, java.util.function.Consumer<String> discarded) {
    return readBeside(
        identity,
        key,
        catalogFileName(name),
        file -> {
          try {
            return Optional.of(CatalogFile.read(file));
          } catch (IOException unreadable) {
            Files.deleteIfExists(file);
            discarded.accept(
                "The catalog kept with the snapshot "
                    + key
                    + " could not be used, discarded: "
                    + unreadable.getMessage());
            return Optional.empty();
          }
        });
  }

  /**
   * Keeps {@code catalog} under {@code name} with the snapshot {@code key} (if it still exists).
   */
  void saveCatalog(String identity, String key, String name, Catalog catalog) throws IOException {
    writeBeside(identity, key, catalogFileName(name), tmp -> CatalogFile.write(catalog, tmp));
  }

  /**
   * The bytes kept under {@code name} with the snapshot {@code key} ({@link #keep}), marking the
   * snapshot used; empty when there are none. Their reader checks what they hold.
   */
  Optional<byte[]> kept(String identity, String key, String name) {
    return readBeside(
        identity, key, keptFileName(name), file -> Optional.of(Files.readAllBytes(file)));
  }

  /** Reads one file of the snapshot {@code key}'s directory; empty when it has none. */
  private interface FileRead<T> {
    Optional<T> from(Path file) throws IOException;
  }

  /**
   * What {@code read} gives of the file {@code fileName} beside the snapshot {@code key}, under the
   * cache's lock, marking the snapshot used when it gives something; empty when the snapshot or the
   * file is gone.
   */
  private <T> Optional<T> readBeside(
      String identity, String key, String fileName, FileRead<T> read) {
    Path dir = dir(identity, key);
    Path file = dir.resolve(fileName);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return locked(
        () -> {
          if (!Files.isRegularFile(file) || !Files.isRegularFile(dir.resolve(META))) {
            return Optional.empty();
          }
          Optional<T> content = read.from(file);
          if (content.isPresent()) {
            Files.setLastModifiedTime(dir.resolve(META), FileTime.from(Instant.now()));
          }
          return content;
        });
  }

  /**
   * Keeps {@code content} under {@code name} with the snapshot {@code key} (if it still exists),
   * replacing what was kept under that name; it goes when the snapshot is evicted.
   */
  void keep(String identity, String key, String name, byte[] content) throws IOException {
    writeBeside(identity, key, keptFileName(name), tmp -> Files.write(tmp, content));
  }

  /** Writes one file of the snapshot {@code key}'s directory (if it still exists). */
  private interface FileWrite {
    void to(Path file) throws IOException;
  }

  /**
   * Writes {@code fileName} beside the snapshot {@code key}, under the cache lock, to a temporary
   * file first and then renamed into place; nothing when the snapshot is gone.
   */
  private void writeBeside(String identity, String key, String fileName, FileWrite write)
      throws IOException {
    Path dir = dir(identity, key);
    CacheLock.holding(
        lockFile(),
        () -> {
          if (!Files.isRegularFile(dir.resolve(META))) {
            return null;
          }
          Path tmp = Files.createTempFile(dir, "kept", ".tmp");
          try {
            write.to(tmp);
            move(tmp, dir.resolve(fileName));
          } finally {
            Files.deleteIfExists(tmp);
          }
          return null;
        });
  }

  /** {@code kept-<hash of name>.bin}. */
  private static String keptFileName(String name) {
    return "kept-" + catalogFileName(name).substring("catalog-".length()).replace(".json", ".bin");
  }

  /** {@code catalog-<hash of name>.json}: names carry options, not fit for file names. */
  private static String catalogFileName(String name) {
    try {
      byte[] hash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "catalog-" + java.util.HexFormat.of().formatHex(hash).substring(0, 16) + ".json";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when the cache has the snapshot {@code key}. */
  boolean has(String identity, String key) {
    return Files.isRegularFile(dir(identity, key).resolve(META));
  }

  /**
   * Saves the stopped cluster {@code data} as {@code key} (unless present) in one archive of what
   * differs from {@code template}, then evicts the least recently used snapshots until all fit in
   * {@code maxBytes}.
   */
  void save(Snapshot what, Path data, long maxBytes, Path template) throws IOException {
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
            ClusterArchive.Written written =
                ClusterArchive.write(data, template, tmp.resolve(ARCHIVE));
            write(tmp.resolve(META), what, written, ClusterArchive.templateId(template));
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

  /**
   * Deletes complete snapshots whose metadata cannot be read (damaged: they would never be listed
   * or evicted), then the least recently used until the rest fit in {@code maxBytes}.
   */
  private void evict(long maxBytes) throws IOException {
    List<Snapshot> all = new ArrayList<>(readAll());
    for (Path identity : identities()) {
      for (String key : complete(identity)) {
        String name = identity.getFileName().toString();
        if (all.stream().noneMatch(s -> s.identity().equals(name) && s.key().equals(key))) {
          remove(identity.resolve(key));
        }
      }
    }
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
    for (Path identity : identities()) {
      for (String key : complete(identity)) {
        read(identity.getFileName().toString(), key, identity.resolve(key).resolve(META))
            .ifPresent(all::add);
      }
    }
    all.sort(Comparator.comparing(Snapshot::lastUsed).reversed());
    return all;
  }

  /** The directories of the binaries' identities (a clear's or eviction's trash left out). */
  private List<Path> identities() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children
          .filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().contains(".trash-"))
          .toList();
    }
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

  private static String property(Path meta, String name) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(meta)) {
      p.load(in);
    }
    return p.getProperty(name);
  }

  private static void write(
      Path meta, Snapshot s, ClusterArchive.Written written, String templateId) throws IOException {
    long bytes = written.bytes();
    Properties p = new Properties();
    p.setProperty("format", FORMAT);
    p.setProperty("sha256", written.sha256());
    p.setProperty("kind", s.kind().name());
    p.setProperty("versioned", Integer.toString(s.versionedCount()));
    p.setProperty("first", s.firstVersion());
    p.setProperty("last", s.lastVersion());
    p.setProperty("repeatable", Integer.toString(s.repeatableCount()));
    p.setProperty("location", s.location());
    p.setProperty("bytes", Long.toString(bytes));
    p.setProperty("template", templateId);
    p.setProperty("created", Instant.now().toString());
    try (Writer out = Files.newBufferedWriter(meta)) {
      p.store(out, "Drydock migration snapshot");
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
