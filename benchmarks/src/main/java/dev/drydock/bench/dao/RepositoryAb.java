package dev.drydock.bench.dao;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * The generic repository against the hand-written JDBC baseline in ONE JVM on one server, blocks of
 * calls alternating (jdbc, generic, jdbc, ...), so that a load drift of the machine hits both sides
 * of each pair: the ratio generic ÷ jdbc (throughput) is taken per adjacent pair, its median and
 * quartiles reported. Forked JMH rounds compare one JVM with another; on a loaded machine their
 * spread is wider than the effect, where this A/B stays readable.
 */
public final class RepositoryAb {

  /**
   * One operation's result: wall time per call and the ratio (throughput, generic ÷ jdbc), and the
   * calling thread's CPU time per call on each side (the client's own work, which the machine's
   * load inflates far less than wall time).
   */
  public record Result(
      String operation,
      double jdbcMicros,
      double genericMicros,
      double median,
      double q1,
      double q3,
      double jdbcCpuMicros,
      double genericCpuMicros) {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static final int WARMUP_PAIRS = 6;
  private static final int PAIRS = 24;

  private RepositoryAb() {}

  /** Measures {@code operations} (of {@code userWithNoPosts, userWithPosts, ...}). */
  public static List<Result> measure(BenchDatabase database, List<String> operations) {
    DaoOperations jdbc = DaoBench.operations("jdbc", database);
    DaoOperations generic = DaoBench.operations("generic", database);
    List<Result> results = new ArrayList<>();
    for (String op : operations) {
      int block = op.equals("userWith1000Posts") ? 20 : 400;
      IntConsumer a = call(op, jdbc);
      IntConsumer b = call(op, generic);
      List<Double> ratios = new ArrayList<>();
      List<Double> aTimes = new ArrayList<>();
      List<Double> bTimes = new ArrayList<>();
      List<Double> aCpu = new ArrayList<>();
      List<Double> bCpu = new ArrayList<>();
      for (int pair = 0; pair < WARMUP_PAIRS + PAIRS; pair++) {
        long ca = THREADS.getCurrentThreadCpuTime();
        double ta = time(a, block);
        long cb = THREADS.getCurrentThreadCpuTime();
        double tb = time(b, block);
        long end = THREADS.getCurrentThreadCpuTime();
        if (pair >= WARMUP_PAIRS) {
          ratios.add(ta / tb);
          aTimes.add(ta);
          bTimes.add(tb);
          aCpu.add((double) (cb - ca));
          bCpu.add((double) (end - cb));
        }
      }
      results.add(
          new Result(
              op,
              median(aTimes) / block / 1_000.0,
              median(bTimes) / block / 1_000.0,
              median(ratios),
              quantile(ratios, 0.25),
              quantile(ratios, 0.75),
              median(aCpu) / block / 1_000.0,
              median(bCpu) / block / 1_000.0));
    }
    return results;
  }

  private static IntConsumer call(String operation, DaoOperations ops) {
    return switch (operation) {
      case "userWithNoPosts" -> i -> ops.userWithPosts(BenchDatabase.USER_WITHOUT_POSTS);
      case "userWithPosts" -> i -> ops.userWithPosts(i % BenchDatabase.USERS + 1);
      case "userWith1000Posts" -> i -> ops.userWithPosts(BenchDatabase.USER_WITH_MANY_POSTS);
      case "findById" -> i -> ops.findById(i % BenchDatabase.USERS + 1);
      default -> throw new IllegalArgumentException("no A/B for " + operation);
    };
  }

  private static double time(IntConsumer call, int calls) {
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      call.accept(i);
    }
    return System.nanoTime() - start;
  }

  private static double median(List<Double> values) {
    return quantile(values, 0.5);
  }

  private static double quantile(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    double pos = q * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
  }

  /** The report's table. */
  public static String table(List<Result> results) {
    StringBuilder md =
        new StringBuilder(
            "| operation | jdbc µs/call | generic µs/call | generic ÷ jdbc (median, quartiles)"
                + " | target | client CPU µs/call, jdbc / generic |\n|---|---|---|---|---|---|\n");
    for (Result r : results) {
      String target =
          switch (r.operation()) {
            case "userWithPosts" -> r.median() >= 0.8 ? "≥ 0.8: met" : "≥ 0.8: **not met**";
            case "userWith1000Posts" -> r.median() >= 0.5 ? "≥ 0.5: met" : "≥ 0.5: **not met**";
            default -> "";
          };
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.2fx (%.2f–%.2f) | %s | %.1f / %.1f |%n",
              r.operation(),
              r.jdbcMicros(),
              r.genericMicros(),
              r.median(),
              r.q1(),
              r.q3(),
              target,
              r.jdbcCpuMicros(),
              r.genericCpuMicros()));
    }
    return md.toString();
  }
}
