package dev.drydock.provider;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The empty cluster {@code initdb} makes, run once per binaries version and cached beside the
 * binaries ({@code <binaries>-cluster-wal1m}); every start copies it (or a {@link ClusterSource}'s
 * saved cluster) instead of running initdb. Filled under {@link CacheLock} and moved into place
 * whole, so a half-made template is never seen.
 */
final class ClusterTemplate {

  /** The suffix names the initdb options of {@link #initdb}: change it when they change. */
  static final String SUFFIX = "-cluster-wal1m";

  /** The template for these binaries, made first if needed. */
  Path cluster(PostgresBinaries binaries, RunAs runAs) throws IOException {
    Path template = binaries.home().resolveSibling(binaries.home().getFileName() + SUFFIX);
    if (Files.isRegularFile(template.resolve("PG_VERSION"))) {
      return template;
    }
    return CacheLock.holding(
        template.resolveSibling(template.getFileName() + ".lock"),
        () -> {
          if (Files.isRegularFile(template.resolve("PG_VERSION"))) {
            return template;
          }
          CacheLock.deleteStaleStaging(template);
          Path tmp =
              Files.createTempDirectory(template.getParent(), template.getFileName() + ".tmp-");
          try {
            Path data = tmp.resolve("data");
            initdb(binaries, runAs, data);
            try {
              Files.move(data, template, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
              Files.move(data, template);
            }
            return template;
          } finally {
            FileTrees.deleteQuietly(tmp);
          }
        });
  }

  /** Runs {@code initdb} into {@code data} (at most 120 s); throws with its output's tail. */
  static void initdb(PostgresBinaries binaries, RunAs runAs, Path data) throws IOException {
    List<String> command = new ArrayList<>(runAs.prefix());
    command.addAll(
        List.of(
            binaries.bin("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            ServerProcess.SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            // 1 MB WAL segments: each start copies the cluster, 16 MB of empty WAL is waste
            "--wal-segsize=1",
            "--no-sync"));
    Path log = Files.createTempFile("drydock-initdb-", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ProviderException("initdb did not finish within 120 s");
      }
      if (p.exitValue() != 0) {
        throw new ProviderException(
            "initdb failed (exit "
                + p.exitValue()
                + "): "
                + ServerProcess.tail(Files.readString(log), 5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException("Interrupted while running initdb", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
