package dev.drydock.bench;

import dev.drydock.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where the time of one generation goes: runs the hand-written pipeline {@code runs} times in this
 * JVM (the first in a fresh JVM, the rest hot) with a timer around each phase, then times the
 * pieces of a provider start on their own: copying the cached initdb cluster, deleting it, {@code
 * initdb} itself, and the {@code unshare -U} probe. Prints one {@code PHASE} line per measurement
 * for {@link BenchMain}.
 *
 * <pre>java -cp ... dev.drydock.bench.Anatomy CORPUS CACHE_DIR RUNS [pieces] [overlapped]</pre>
 */
public final class Anatomy {
  private Anatomy() {}

  public static void main(String[] args) throws Exception {
    Corpus corpus = Corpus.parse(args[0]);
    Path cache = Path.of(args[1]);
    int runs = Integer.parseInt(args[2]);
    List<String> flags = List.of(args).subList(3, args.length);
    boolean pieces = flags.contains("pieces");
    boolean overlapped = flags.contains("overlapped");
    Path root = Files.createTempDirectory("drydock-bench-anatomy-");
    try {
      Path migrations = root.resolve("migrations");
      corpus.writeMigrations(migrations);
      Path output = root.resolve("generated");
      for (int run = 0; run < runs; run++) {
        Pipelines.Phases phases = new Pipelines.Phases();
        if (overlapped) {
          Pipelines.handWrittenOverlapped(
              migrations, output, corpus.packageName(), corpus.provider(cache), phases);
        } else {
          Pipelines.handWritten(
              migrations, output, corpus.packageName(), corpus.provider(cache), phases);
        }
        String jvm = run == 0 ? "fresh" : "hot";
        long total = 0;
        for (Map.Entry<String, Long> e : phases.nanos().entrySet()) {
          print(jvm, e.getKey(), e.getValue());
          total += e.getValue();
        }
        print(jvm, "total", total);
      }
      if (pieces) {
        pieces(cache, output, root);
      }
    } finally {
      FileTrees.deleteQuietly(root);
    }
  }

  private static void pieces(Path cache, Path output, Path root) throws Exception {
    Path cluster = onlyCluster(cache);
    Path copy = root.resolve("cluster-copy");
    long t = System.nanoTime();
    FileTrees.copy(cluster, copy);
    print("piece", "copy cached cluster (" + describeTree(cluster) + ")", System.nanoTime() - t);
    t = System.nanoTime();
    FileTrees.deleteQuietly(copy);
    print("piece", "delete cluster copy", System.nanoTime() - t);

    boolean root0 = isRoot();
    List<String> prefix = root0 ? List.of("unshare", "-U", "--") : List.of();
    if (root0) {
      t = System.nanoTime();
      run(List.of("unshare", "-U", "--", "true"));
      print("piece", "unshare -U probe (process spawn)", System.nanoTime() - t);
    }
    String name = cluster.getFileName().toString();
    Path bin = cluster.resolveSibling(name.substring(0, name.indexOf("-cluster")));
    List<String> initdb = new ArrayList<>(prefix);
    initdb.addAll(
        List.of(
            bin.resolve("bin/initdb").toString(),
            "-D",
            root.resolve("initdb").toString(),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--wal-segsize=1",
            "--no-sync"));
    t = System.nanoTime();
    run(initdb);
    print("piece", "initdb (what the cached cluster saves)", System.nanoTime() - t);

    Path outputCopy = root.resolve("output-copy");
    t = System.nanoTime();
    FileTrees.copy(output, outputCopy);
    print("piece", "copy generated sources (" + describeTree(output) + ")", System.nanoTime() - t);
  }

  private static Path onlyCluster(Path cache) throws IOException {
    try (Stream<Path> dirs = Files.list(cache.resolve("postgres"))) {
      List<Path> clusters =
          dirs.filter(p -> Files.isDirectory(p) && p.getFileName().toString().contains("-cluster"))
              .toList();
      if (clusters.size() != 1) {
        throw new IllegalStateException(
            "expected one cached cluster in " + cache + ": " + clusters);
      }
      return clusters.get(0);
    }
  }

  private static String describeTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      long[] filesAndBytes = new long[2];
      walk.filter(Files::isRegularFile)
          .forEach(
              p -> {
                filesAndBytes[0]++;
                try {
                  filesAndBytes[1] += Files.size(p);
                } catch (IOException e) {
                  // counted as empty
                }
              });
      return filesAndBytes[0] + " files, " + (filesAndBytes[1] >> 20) + " MiB";
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("failed: " + command);
    }
  }

  static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | RuntimeException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static void print(String kind, String phase, long nanos) {
    System.out.printf(java.util.Locale.ROOT, "PHASE\t%s\t%s\t%.1f%n", kind, phase, nanos / 1e6);
  }
}
