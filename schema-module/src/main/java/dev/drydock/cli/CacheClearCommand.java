package dev.drydock.cli;

import dev.drydock.snapshot.Snapshot;
import dev.drydock.snapshot.SnapshotCache;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code drydock cache clear}: deletes every migration snapshot (the binaries and the empty cluster
 * stay); the next run applies every migration again.
 */
@Command(
    name = "clear",
    mixinStandardHelpOptions = true,
    description =
        "Deletes every migration snapshot; the next run applies every migration again."
            + " PostgreSQL binaries and the empty cluster stay.")
final class CacheClearCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin CacheDirectoryOption cache;

  @Override
  public Integer call() {
    SnapshotCache snapshots = SnapshotCache.at(cache.resolve());
    List<Snapshot> deleted = snapshots.clear();
    long freed = deleted.stream().mapToLong(Snapshot::sizeBytes).sum();
    PrintWriter out = spec.commandLine().getOut();
    String directory = snapshots.directory().toAbsolutePath().normalize().toString();
    if (deleted.isEmpty()) {
      out.println("No snapshots to delete in " + directory);
    } else {
      out.printf(
          "Deleted %s, %s freed, in %s%n",
          CacheCommand.count(deleted.size()), CacheCommand.megabytes(freed), directory);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
