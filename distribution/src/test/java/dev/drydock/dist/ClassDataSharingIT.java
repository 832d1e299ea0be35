package dev.drydock.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.dist.Launcher.Result;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class data sharing archive (bin/drydock): written by the first generate into the
 * cache's cds/ directory, mapped by the next runs, and never changing what a command prints or
 * writes, nor failing it: a corrupt archive, a cache where it cannot be written, DRYDOCK_CDS=off.
 */
class ClassDataSharingIT {

  static final Path ARCHIVE = Path.of(System.getProperty("drydock.dist.archive"));
  static final String VERSION = System.getProperty("drydock.dist.version");
  static final Path PROJECT_ROOT = Path.of(System.getProperty("drydock.project.root"));
  static final Path MIGRATIONS = PROJECT_ROOT.resolve("migrations");
  static final Path JAVA_BIN = Launcher.JAVA_BIN;

  /** What -Xlog:class+load says of a class the JVM took from the launcher's (dynamic) archive. */
  static final String FROM_ARCHIVE = "source: shared objects file (top)";

  @TempDir static Path unpacked;
  static Path home;

  /** A cache whose second generate wrote the archive; its output and sources, without CDS. */
  @TempDir static Path trained;

  static Path trainedArchive;
  static Result withoutCds;
  static Map<String, String> sourcesWithoutCds;

  @BeforeAll
  static void unpackAndTrain() throws Exception {
    Result tar =
        run(unpacked, Map.of(), "tar", "xzf", ARCHIVE.toString(), "-C", unpacked.toString());
    assertThat(tar.exit()).as(tar.output()).isZero();
    home = unpacked.resolve("drydock-" + VERSION);

    Path plainCache = Files.createDirectories(trained.resolve("plain-cache"));
    withoutCds =
        generate(
            Map.of("DRYDOCK_CACHE", plainCache.toString(), "DRYDOCK_CDS", "off"),
            trained.resolve("out-plain"));
    assertThat(withoutCds.exit()).as(withoutCds.output()).isZero();
    assertThat(withoutCds.output())
        .isEqualTo("Generated 16 jOOQ source files from 2 migrations into OUT [n ms]\n");
    sourcesWithoutCds = files(trained.resolve("out-plain"));
    assertThat(sourcesWithoutCds).hasSizeGreaterThan(10);
    assertThat(plainCache.resolve("cds")).doesNotExist();

    Path cache = Files.createDirectories(trained.resolve("cache"));
    Result first = generate(Map.of("DRYDOCK_CACHE", cache.toString()), trained.resolve("out1"));
    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(first.output()).isEqualTo(withoutCds.output());
    assertThat(files(trained.resolve("out1"))).isEqualTo(sourcesWithoutCds);
    firstRunLeft = onlyFile(cache.resolve("cds"));
    Result second = generate(Map.of("DRYDOCK_CACHE", cache.toString()), trained.resolve("out"));
    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(second.output()).isEqualTo(withoutCds.output());
    assertThat(files(trained.resolve("out"))).isEqualTo(sourcesWithoutCds);
    trainedArchive = onlyFile(cache.resolve("cds"));
  }

  static Path firstRunLeft;

  @Test
  void theFirstGenerateLeavesOnlyAMarkerSoASingleRunNeverPaysForAnArchive() {
    assertThat(firstRunLeft.getFileName().toString())
        .matches("drydock-[0-9]+-[0-9]+-[0-9]+-generate\\.seen");
  }

  @Test
  void theSecondGenerateWritesOneArchiveUnderItsFinalNameAndLeavesNoTemporaryFileOrMarker()
      throws Exception {
    assertThat(trainedArchive.getFileName().toString())
        .matches("drydock-[0-9]+-[0-9]+-[0-9]+-generate\\.jsa");
    assertThat(Files.size(trainedArchive)).isGreaterThan(10L << 20);
  }

  @Test
  void theNextGenerateMapsJooqFromTheArchiveWithoutRewritingItAndWritesTheSameSources(
      @TempDir Path work) throws Exception {
    // given: the trained archive in a cache, with a known modification time
    Path cache = cacheWith(work, trainedArchive);
    Path archive = onlyFile(cache.resolve("cds"));
    FileTime written = FileTime.fromMillis(1_700_000_000_000L);
    Files.setLastModifiedTime(archive, written);
    Path log = work.resolve("class-load.log");

    // when
    Result r =
        generate(
            Map.of("DRYDOCK_CACHE", cache.toString(), "JAVA_OPTS", "-Xlog:class+load:file=" + log),
            work.resolve("out"));

    // then: the same output and sources, jOOQ's generator loaded from the archive, left as it was
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).isEqualTo(withoutCds.output());
    assertThat(files(work.resolve("out"))).isEqualTo(sourcesWithoutCds);
    assertThat(Files.readAllLines(log))
        .anyMatch(l -> l.contains("org.jooq.codegen.JavaGenerator ") && l.contains(FROM_ARCHIVE));
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(written);
    assertThat(onlyFile(cache.resolve("cds"))).isEqualTo(archive);
  }

  @Test
  void aChangedJarWritesANewArchiveAndDeletesTheOldOne(@TempDir Path work) throws Exception {
    // given: an installation of its own, whose second generate wrote an archive
    Result tar = run(work, Map.of(), "tar", "xzf", ARCHIVE.toString(), "-C", work.toString());
    assertThat(tar.exit()).as(tar.output()).isZero();
    Path install = work.resolve("drydock-" + VERSION);
    Path cache = Files.createDirectories(work.resolve("cache"));
    Map<String, String> env = Map.of("DRYDOCK_CACHE", cache.toString());
    assertThat(generate(install, env, work.resolve("out0")).exit()).isZero();
    Result first = generate(install, env, work.resolve("out1"));
    assertThat(first.exit()).as(first.output()).isZero();
    Path old = onlyFile(cache.resolve("cds"));
    assertThat(old.getFileName().toString()).endsWith("-generate.jsa");

    // when: the jar changes (a new modification time), and generate runs twice again
    Path jar = install.resolve("lib/drydock.jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
    Result second = generate(install, env, work.resolve("out2"));
    Path marker = onlyFile(cache.resolve("cds"));
    Result third = generate(install, env, work.resolve("out3"));

    // then: the old archive gone with the first run, a new archive in its place, the same output
    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(second.output()).isEqualTo(withoutCds.output());
    assertThat(marker.getFileName().toString()).endsWith("-generate.seen");
    assertThat(third.exit()).as(third.output()).isZero();
    assertThat(third.output()).isEqualTo(withoutCds.output());
    Path current = onlyFile(cache.resolve("cds"));
    assertThat(current.getFileName()).isNotEqualTo(old.getFileName());
    assertThat(current.getFileName().toString()).endsWith("-generate.jsa");
  }

  @Test
  void aCorruptArchiveIsIgnoredSilentlyAndTheCommandsOutputIsTheSame(@TempDir Path work)
      throws Exception {
    // given: the archive with 2 KiB of garbage at five places (without a checksum check, the JVM
    // crashed on such a file)
    Path cache = cacheWith(work, trainedArchive);
    Path archive = onlyFile(cache.resolve("cds"));
    try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
      byte[] garbage = new byte[2048];
      java.util.Arrays.fill(garbage, (byte) 0xff);
      for (int i = 1; i <= 5; i++) {
        f.seek(f.length() * i / 6);
        f.write(garbage);
      }
    }
    Path log = work.resolve("class-load.log");

    // when
    Result r =
        generate(
            Map.of("DRYDOCK_CACHE", cache.toString(), "JAVA_OPTS", "-Xlog:class+load:file=" + log),
            work.resolve("out"));

    // then
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).isEqualTo(withoutCds.output());
    assertThat(files(work.resolve("out"))).isEqualTo(sourcesWithoutCds);
    assertThat(Files.readAllLines(log)).noneMatch(l -> l.contains(FROM_ARCHIVE));
  }

  @Test
  void aCacheWhereTheArchiveCannotBeWrittenChangesNothing(@TempDir Path work) throws Exception {
    // given: cds in the cache is a file, so no directory can be made there (not even by root)
    Path cache = Files.createDirectories(work.resolve("cache"));
    Files.writeString(cache.resolve("cds"), "not a directory");

    // when
    Result r = generate(Map.of("DRYDOCK_CACHE", cache.toString()), work.resolve("out"));

    // then
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).isEqualTo(withoutCds.output());
    assertThat(files(work.resolve("out"))).isEqualTo(sourcesWithoutCds);
    assertThat(cache.resolve("cds")).hasContent("not a directory");
  }

  @Test
  void drydockCdsOffOrTheUsersOwnXshareWritesNoArchive(@TempDir Path work) throws Exception {
    Path off = Files.createDirectories(work.resolve("off"));
    Path xshare = Files.createDirectories(work.resolve("xshare"));

    Result r1 =
        generate(
            Map.of("DRYDOCK_CACHE", off.toString(), "DRYDOCK_CDS", "off"), work.resolve("out1"));
    Result r2 =
        generate(
            Map.of("DRYDOCK_CACHE", xshare.toString(), "JAVA_OPTS", "-Xshare:off"),
            work.resolve("out2"));

    assertThat(r1.exit()).as(r1.output()).isZero();
    assertThat(r2.exit()).as(r2.output()).isZero();
    assertThat(off.resolve("cds")).doesNotExist();
    assertThat(xshare.resolve("cds")).doesNotExist();
  }

  @Test
  void versionAndHelpRunsWriteNoArchive(@TempDir Path cache) throws Exception {
    Result version = drydock(Map.of("DRYDOCK_CACHE", cache.toString()), "--version");
    Result help = drydock(Map.of("DRYDOCK_CACHE", cache.toString()), "generate", "--help");

    assertThat(version.exit()).as(version.output()).isZero();
    assertThat(help.exit()).as(help.output()).isZero();
    assertThat(cache.resolve("cds")).doesNotExist();
  }

  @Test
  void diffsJsonIsByteIdenticalWithoutTheArchiveWhileWritingItAndWithIt(@TempDir Path work)
      throws Exception {
    // given: a live database with the sample's first migration only (drift: the second's table)
    Path binaries = PROJECT_ROOT.resolve("distribution/target/test-cache");
    ProviderSettings settings =
        ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(binaries).build();
    Path first = Files.createDirectories(work.resolve("first"));
    try (Stream<Path> sql = Files.list(MIGRATIONS)) {
      Path v1 = sql.filter(p -> p.getFileName().toString().startsWith("V1__")).findFirst().get();
      Files.copy(v1, first.resolve(v1.getFileName()));
    }
    Path cache = Files.createDirectories(work.resolve("cache"));
    try (ThrowawayDatabase live = ThrowawayDatabase.start(settings)) {
      Migrations.configure().location(first).build().migrate(live.dataSource());
      String[] diff = {
        "diff",
        "--url",
        live.jdbcUrl(),
        "--user",
        live.user(),
        "--password-env",
        "PGPASSWORD",
        "--migrations",
        MIGRATIONS.toString(),
        "--format=json"
      };
      Map<String, String> env = new HashMap<>();
      env.put("DRYDOCK_CACHE", cache.toString());
      env.put("PGPASSWORD", live.password());
      Map<String, String> off = new HashMap<>(env);
      off.put("DRYDOCK_CDS", "off");

      // when: without an archive, the first run (a marker), the run that writes it, the run that
      // maps it
      Result plain = drydock(off, diff);
      assertThat(cache.resolve("cds")).doesNotExist();
      Result marking = drydock(env, diff);
      assertThat(onlyFile(cache.resolve("cds")).getFileName().toString()).endsWith(".seen");
      Result writing = drydock(env, diff);
      Path archive = onlyFile(cache.resolve("cds"));
      Result mapped = drydock(env, diff);

      // then
      assertThat(plain.exit()).as(plain.output()).isEqualTo(1);
      assertThat(plain.output()).startsWith("{").contains("\"drift\": true");
      assertThat(marking.exit()).isEqualTo(1);
      assertThat(marking.output()).isEqualTo(plain.output());
      assertThat(writing.exit()).isEqualTo(1);
      assertThat(writing.output()).isEqualTo(plain.output());
      assertThat(mapped.exit()).isEqualTo(1);
      assertThat(mapped.output()).isEqualTo(plain.output());
      assertThat(archive.getFileName().toString()).endsWith("-database.jsa");
    }
  }

  private static Path cacheWith(Path work, Path archive) throws IOException {
    Path cds = Files.createDirectories(work.resolve("cache/cds"));
    Files.copy(archive, cds.resolve(archive.getFileName()));
    return work.resolve("cache");
  }

  private static Path onlyFile(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertThat(all).as("files in " + dir).hasSize(1);
      return all.get(0);
    }
  }

  /**
   * {@code drydock generate} into {@code output}; its output with the output directory as OUT and
   * the time it took as [n ms].
   */
  private static Result generate(Map<String, String> env, Path output) throws Exception {
    return generate(home, env, output);
  }

  private static Result generate(Path install, Map<String, String> env, Path output)
      throws Exception {
    Result r =
        drydock(
            install,
            env,
            "generate",
            "--no-snapshots",
            "--package=dev.example.db",
            "--output=" + output,
            "--migrations=" + MIGRATIONS);
    return new Result(
        r.exit(), r.output().replace(output.toString(), "OUT").replaceAll("\\[\\d+ ms]", "[n ms]"));
  }

  /** Every file under {@code dir} (relative path) with its text. */
  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        all.put(dir.relativize(p).toString(), Files.readString(p));
      }
    }
    return all;
  }

  private static Result drydock(Map<String, String> extraEnv, String... args) throws Exception {
    return drydock(home, extraEnv, args);
  }

  private static Result drydock(Path install, Map<String, String> extraEnv, String... args)
      throws Exception {
    return Launcher.drydock(install, extraEnv, args);
  }

  private static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
    return Launcher.run(dir, env, command);
  }
}
