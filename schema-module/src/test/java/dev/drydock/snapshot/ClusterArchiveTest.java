package dev.drydock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A snapshot archive restores exactly the cluster it was written from: randomized template and
 * cluster trees (changed, deleted, added files and directories, long names, empty files, a file
 * where the template has a directory and the other way round), written, restored, compared file by
 * file (also archives of the previous writer, Commons Compress, which caches still hold); its
 * header reader ({@link TarEntries}) reads exactly what Commons Compress's {@code TarFile} reads
 * from the same archives. Damaged or foreign archives are refused.
 */
class ClusterArchiveTest {

  @TempDir Path dir;

  static Stream<Long> seeds() {
    return Stream.iterate(1L, s -> s + 1).limit(30);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void givenARandomClusterAndTemplate_whenWrittenAndRestored_thenTheRestoredTreeIsTheCluster(
      long seed) throws IOException {
    Path template = dir.resolve("template");
    Path data = dir.resolve("data");
    randomCluster(new Random(seed), template, data);
    Path archive = dir.resolve("cluster.tar");
    ClusterArchive.Written written = ClusterArchive.write(data, template, archive);

    Path restored = dir.resolve("restored");
    ClusterArchive.restore(template, archive, restored, written.sha256());

    assertThat(tree(restored)).as("seed %d", seed).isEqualTo(tree(data));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void givenARandomArchive_whenItsHeadersAreRead_thenTheyAreWhatCommonsCompressReads(long seed)
      throws IOException {
    Path template = dir.resolve("template");
    Path data = dir.resolve("data");
    randomCluster(new Random(seed), template, data);
    Path archive = dir.resolve("cluster.tar");
    ClusterArchive.write(data, template, archive);

    List<TarEntries.Entry> ours;
    try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
      ours = TarEntries.read(channel);
    }
    List<TarEntries.Entry> theirs = new ArrayList<>();
    try (TarFile tar = new TarFile(archive)) {
      for (TarArchiveEntry e : tar.getEntries()) {
        String name = e.getName().endsWith("/") ? e.getName().replaceAll("/+$", "") : e.getName();
        theirs.add(
            new TarEntries.Entry(
                name, e.isDirectory(), e.getDataOffset(), e.isDirectory() ? 0 : e.getSize()));
      }
    }

    assertThat(ours).as("seed %d", seed).isEqualTo(theirs);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void givenAnArchiveOfThePreviousWriter_whenRestored_thenTheRestoredTreeIsTheCluster(long seed)
      throws IOException {
    // caches hold snapshots written by Commons Compress (a PAX header with each entry's time)
    Path template = dir.resolve("template");
    Path data = dir.resolve("data");
    randomCluster(new Random(seed), template, data);
    Path archive = dir.resolve("cluster.tar");
    writeAsCommonsCompressDid(data, template, archive);

    Path restored = dir.resolve("restored");
    ClusterArchive.restore(template, archive, restored, sha256(archive));

    assertThat(tree(restored)).as("seed %d", seed).isEqualTo(tree(data));
  }

  @Test
  void givenValuesOfEveryLength_whenPaxRecordsAreMade_thenEachSaysItsOwnLength() {
    for (int n = 0; n < 1100; n++) {
      String record = TarWriter.paxRecord("path", "v".repeat(n));
      int declared = Integer.parseInt(record.substring(0, record.indexOf(' ')));
      assertThat(record.getBytes(StandardCharsets.UTF_8)).as("value of %d", n).hasSize(declared);
    }
  }

  @Test
  void givenTheSameCluster_whenWrittenTwice_thenTheArchivesAreTheSameBytes() throws IOException {
    Path template = dir.resolve("template");
    Path data = dir.resolve("data");
    randomCluster(new Random(7), template, data);

    String first = ClusterArchive.write(data, template, dir.resolve("1.tar")).sha256();
    String second = ClusterArchive.write(data, template, dir.resolve("2.tar")).sha256();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void givenAFileTheArchiveWrites_whenRestored_thenOnlyItsOwnerCanReadIt() throws IOException {
    Path template = Files.createDirectories(dir.resolve("template"));
    Files.writeString(template.resolve("PG_VERSION"), "17\n");
    Path data = dir.resolve("data");
    FileTrees.copy(template, data);
    Files.writeString(data.resolve("added"), "new");
    Path archive = dir.resolve("cluster.tar");
    String sha = ClusterArchive.write(data, template, archive).sha256();

    Path restored = dir.resolve("restored");
    ClusterArchive.restore(template, archive, restored, sha);

    assertThat(Files.readString(restored.resolve("added"))).isEqualTo("new");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(restored.resolve("added"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(restored.resolve("PG_VERSION"))).isEqualTo("17\n");
  }

  @Test
  void givenAnArchiveWithOtherBytesThanSaved_whenRestored_thenItIsRefusedBeforeAnythingIsWritten()
      throws IOException {
    Path template = Files.createDirectories(dir.resolve("template"));
    Files.writeString(template.resolve("PG_VERSION"), "17\n");
    Path archive = dir.resolve("cluster.tar");
    ClusterArchive.write(template, template, archive);
    Path restored = dir.resolve("restored");

    assertThatThrownBy(() -> ClusterArchive.restore(template, archive, restored, "0".repeat(64)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("its checksum is ");
    assertThat(restored).doesNotExist();
  }

  @Test
  void givenAnArchiveCutShort_whenRestored_thenItIsRefused() throws IOException {
    Path template = Files.createDirectories(dir.resolve("template"));
    Path data = dir.resolve("data");
    FileTrees.copy(template, data);
    Files.write(data.resolve("big"), new byte[5000]);
    Path archive = dir.resolve("cluster.tar");
    ClusterArchive.write(data, template, archive);
    Path cut = dir.resolve("cut.tar");
    Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(archive), 3000));

    assertThatThrownBy(() -> ClusterArchive.restore(template, cut, dir.resolve("r"), sha256(cut)))
        .isInstanceOf(IOException.class)
        .hasMessage("the archive ends inside the entry at byte 0");
  }

  @Test
  void givenAnArchiveWithoutTheListOfDeletedFiles_whenRestored_thenItIsIncomplete()
      throws IOException {
    Path template = Files.createDirectories(dir.resolve("template"));
    Path archive = tar(Map.of("base/1", "x"));

    assertThatThrownBy(
            () -> ClusterArchive.restore(template, archive, dir.resolve("r"), sha256(archive)))
        .isInstanceOf(IOException.class)
        .hasMessage("incomplete snapshot archive " + archive);
    assertThat(dir.resolve("r")).doesNotExist();
  }

  @Test
  void givenAnEntryOutsideTheCluster_whenRestored_thenItIsRefusedAndNothingIsWritten()
      throws IOException {
    Path template = Files.createDirectories(dir.resolve("template"));
    Path archive = tar(Map.of("../escaped", "x", ".drydock-deleted", ""));

    assertThatThrownBy(
            () -> ClusterArchive.restore(template, archive, dir.resolve("r"), sha256(archive)))
        .isInstanceOf(IOException.class)
        .hasMessage("a snapshot entry points outside the cluster: ../escaped");
    assertThat(dir.resolve("escaped")).doesNotExist();
    assertThat(dir.resolve("r")).doesNotExist();
  }

  @Test
  void givenASymbolicLinkEntry_whenRestored_thenItIsRefused() throws IOException {
    Path template = Files.createDirectories(dir.resolve("template"));
    Path archive = dir.resolve("link.tar");
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      TarArchiveEntry link = new TarArchiveEntry("pg_wal", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("/etc");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }

    assertThatThrownBy(
            () -> ClusterArchive.restore(template, archive, dir.resolve("r"), sha256(archive)))
        .isInstanceOf(IOException.class)
        .hasMessage("unsupported tar entry type '2' for pg_wal");
  }

  /**
   * A template of random directories and files, and a cluster made from a copy of it (times kept,
   * as the provider copies) with random files changed, deleted and added.
   */
  private static void randomCluster(Random random, Path template, Path data) throws IOException {
    Files.createDirectories(template);
    List<String> dirs = new ArrayList<>(List.of(""));
    for (int i = 0; i < 1 + random.nextInt(6); i++) {
      String parent = dirs.get(random.nextInt(dirs.size()));
      String name = (parent.isEmpty() ? "" : parent + "/") + "d" + i;
      Files.createDirectories(template.resolve(name));
      dirs.add(name);
    }
    for (int i = 0; i < 5 + random.nextInt(40); i++) {
      String parent = dirs.get(random.nextInt(dirs.size()));
      Files.write(template.resolve(parent).resolve("f" + i), bytes(random));
    }
    FileTrees.copy(template, data);
    List<Path> files;
    try (Stream<Path> all = Files.walk(data)) {
      files = all.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      switch (random.nextInt(8)) {
        case 0 -> Files.delete(file);
        case 1 -> Files.write(file, bytes(random));
        case 2 -> {
          // same size, other bytes, other time
          byte[] b = Files.readAllBytes(file);
          if (b.length > 0) {
            b[random.nextInt(b.length)] ^= 1;
          }
          Files.write(file, b);
        }
        case 3 -> {
          // a directory where the template has a file
          Files.delete(file);
          Files.createDirectories(file);
          Files.write(file.resolve("inside"), bytes(random));
        }
        default -> {
          // unchanged: the template's bytes and time
        }
      }
    }
    for (String d : dirs) {
      if (!d.isEmpty() && Files.isDirectory(data.resolve(d)) && random.nextInt(6) == 0) {
        // a file where the template has a directory, or a directory deleted
        FileTrees.deleteQuietly(data.resolve(d));
        if (random.nextBoolean()) {
          Files.write(data.resolve(d), bytes(random));
        }
      }
    }
    for (int i = 0; i < random.nextInt(12); i++) {
      String parent = dirs.get(random.nextInt(dirs.size()));
      if (!Files.isDirectory(data.resolve(parent))) {
        continue;
      }
      // names past 100 characters need a PAX header
      String name = random.nextInt(4) == 0 ? "long-" + "n".repeat(120) + i : "new" + i;
      Path added = data.resolve(parent).resolve(name);
      if (random.nextInt(5) == 0) {
        Files.createDirectories(added.resolve("sub"));
        Files.write(added.resolve("sub/file"), bytes(random));
      } else {
        Files.write(added, bytes(random));
      }
    }
  }

  /** What {@link ClusterArchive#write} wrote before it had its own {@link TarWriter}. */
  private static void writeAsCommonsCompressDid(Path data, Path template, Path archive)
      throws IOException {
    List<String> deleted = new ArrayList<>();
    java.util.Set<String> present = new java.util.HashSet<>();
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path path : sortedBelow(data)) {
        String name = data.relativize(path).toString();
        present.add(name);
        Path same = template.resolve(name);
        if (Files.isDirectory(path)) {
          if (!Files.isDirectory(same)) {
            TarArchiveEntry entry = new TarArchiveEntry(name + "/");
            entry.setMode(0700);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
          }
        } else if (!Files.isRegularFile(same) || Files.mismatch(path, same) != -1L) {
          TarArchiveEntry entry = new TarArchiveEntry(name);
          entry.setSize(Files.size(path));
          entry.setMode(0600);
          tar.putArchiveEntry(entry);
          Files.copy(path, tar);
          tar.closeArchiveEntry();
        }
      }
      for (Path path : sortedBelow(template)) {
        String name = template.relativize(path).toString();
        if (!present.contains(name)) {
          deleted.add(name);
        }
      }
      byte[] list = String.join("\n", deleted).getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry(".drydock-deleted");
      entry.setSize(list.length);
      tar.putArchiveEntry(entry);
      tar.write(list);
      tar.closeArchiveEntry();
    }
  }

  private static List<Path> sortedBelow(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(p -> !p.equals(root)).sorted().toList();
    }
  }

  /** Sizes around tar's 512-byte blocks, empty included. */
  private static byte[] bytes(Random random) {
    int[] sizes = {0, 1, 511, 512, 513, 1024, 8192, 20000};
    byte[] b = new byte[sizes[random.nextInt(sizes.length)] + random.nextInt(3)];
    random.nextBytes(b);
    return b;
  }

  /** Every path below {@code root}: a directory as {@code dir/}, a file with its bytes' hash. */
  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> tree = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(p -> !p.equals(root)).toList()) {
        String name = root.relativize(p).toString();
        tree.put(name, Files.isDirectory(p) ? "dir/" : sha256(p));
      }
    }
    return tree;
  }

  /** An archive of these files (names as given), written as {@link ClusterArchive} writes. */
  private Path tar(Map<String, String> files) throws IOException {
    Path archive = dir.resolve("hand.tar");
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
        byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(f.getKey(), true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return archive;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
