package dev.drydock.bench;

import dev.drydock.bench.dao.BenchDatabase;
import dev.drydock.bench.dao.DaoBench;
import dev.drydock.bench.dao.DaoOperations;
import dev.drydock.bench.dao.NewUser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * The error-translating listener's cost on the success path, measured where it runs (jOOQ's path,
 * {@code directExecution(false)}) as an A/B inside one JVM on one server: blocks of calls with the
 * listener (variant {@code jooq}) and without it ({@code jooqNoListener}) alternate, so JIT state,
 * server state and machine load are shared. Per block it records the calling thread's CPU time (the
 * listener's work is client CPU: it cannot show anywhere else) and the wall time.
 *
 * <p>Listener cost = (CPU per call with − CPU per call without) ÷ wall time per call with the
 * listener, per adjacent pair of blocks, median over the pairs: the share of a call's time the
 * listener adds. Between forks (the JMH rounds) the same ratio swings by 10–20%; here the noise
 * left is the blocks' spread, printed alongside.
 */
final class ListenerCost {

  private static final int BLOCKS = 30;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Per operation: CPU and wall time per call, with and without the listener. */
  record Result(
      String operation,
      Stats cpuWith,
      Stats cpuWithout,
      Stats wallWith,
      Stats wallWithout,
      List<Double> pairCosts) {

    /**
     * The listener's added CPU as a share of a call's wall time: per adjacent pair of blocks (with
     * − without CPU) ÷ wall with, so that drifts of the machine cancel; the median of pairs.
     */
    double cost() {
      return quantile(pairCosts, 0.5);
    }

    /** The wall time per call with the listener ÷ without, from the medians. */
    double wallRatio() {
      return wallWith.median() / wallWithout.median();
    }
  }

  static double quantile(List<Double> values, double q) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.round(q * (sorted.size() - 1)));
  }

  private ListenerCost() {}

  /** Measures every operation of {@link DaoBench} on {@code database}. */
  static List<Result> measure(BenchDatabase database, List<String> operations) {
    DaoOperations with = DaoBench.operations("jooq", database);
    DaoOperations without = DaoBench.operations("jooqNoListener", database);
    int[] sequence = {0};
    List<Result> results = new ArrayList<>();
    for (String operation : operations) {
      int calls = operation.equals("batchInsert1000") ? 4 : 400;
      IntConsumer a = call(operation, with, sequence, 0);
      IntConsumer b = call(operation, without, sequence, 1);
      // warm-up: both variants, long enough for C2 on the paths measured
      for (int i = 0; i < 4; i++) {
        block(a, calls);
        block(b, calls);
      }
      List<Double> cpuWith = new ArrayList<>();
      List<Double> cpuWithout = new ArrayList<>();
      List<Double> wallWith = new ArrayList<>();
      List<Double> wallWithout = new ArrayList<>();
      List<Double> pairCosts = new ArrayList<>();
      for (int i = 0; i < BLOCKS; i++) {
        boolean withFirst = i % 2 == 0;
        double[] first = block(withFirst ? a : b, calls);
        double[] second = block(withFirst ? b : a, calls);
        double[] x = withFirst ? first : second;
        double[] y = withFirst ? second : first;
        cpuWith.add(x[0]);
        wallWith.add(x[1]);
        cpuWithout.add(y[0]);
        wallWithout.add(y[1]);
        pairCosts.add((x[0] - y[0]) / x[1]);
      }
      results.add(
          new Result(
              operation,
              Stats.of(cpuWith),
              Stats.of(cpuWithout),
              Stats.of(wallWith),
              Stats.of(wallWithout),
              pairCosts));
    }
    return results;
  }

  /** One block: {µs of this thread's CPU per call, µs of wall time per call}. */
  private static double[] block(IntConsumer operation, int calls) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      operation.accept(i);
    }
    return new double[] {
      (THREADS.getCurrentThreadCpuTime() - cpu) / 1_000.0 / calls,
      (System.nanoTime() - wall) / 1_000.0 / calls
    };
  }

  /**
   * One call of {@code operation}; {@code half} (0 or 1) picks the half of the seeded users a
   * variant updates, since each variant tracks the versions it has read.
   */
  private static IntConsumer call(String operation, DaoOperations ops, int[] sequence, int half) {
    int users = BenchDatabase.USERS / 2;
    return switch (operation) {
      case "insertReturning" ->
          i -> {
            int n = ++sequence[0];
            ops.insertReturning("ab user " + n, "ab" + n + "@example.com");
          };
      case "findById" -> i -> ops.findById(i % BenchDatabase.USERS + 1);
      case "optimisticUpdate" ->
          i -> {
            int n = ++sequence[0];
            ops.optimisticUpdate(1 + half * users + n % users, n % 100);
          };
      case "userWithPosts" -> i -> ops.userWithPosts(i % BenchDatabase.USERS + 1);
      case "userWithNoPosts" -> i -> ops.userWithPosts(BenchDatabase.USER_WITHOUT_POSTS);
      case "userWith1000Posts" -> i -> ops.userWithPosts(BenchDatabase.USER_WITH_MANY_POSTS);
      case "batchInsert1000" ->
          i -> {
            List<NewUser> rows = new ArrayList<>(DaoBench.BATCH);
            for (int r = 0; r < DaoBench.BATCH; r++) {
              int n = ++sequence[0];
              rows.add(new NewUser("ab batch " + n, "abb" + n + "@example.com", n % 90, true));
            }
            ops.batchInsert(rows);
          };
      default -> throw new IllegalArgumentException("unknown operation " + operation);
    };
  }

  /** The report's table. */
  static String table(List<Result> results) {
    StringBuilder md = new StringBuilder();
    md.append(
            "| operation | CPU per call, with listener | without | wall per call, with listener"
                + " | without | wall with ÷ without | listener cost, median of pairs (quartiles)"
                + " (target ≤ 2%) |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %.3fx | %+.2f%% (%+.2f%% – %+.2f%%) |%n",
              r.operation(),
              micros(r.cpuWith()),
              micros(r.cpuWithout()),
              micros(r.wallWith()),
              micros(r.wallWithout()),
              r.wallRatio(),
              100 * r.cost(),
              100 * quantile(r.pairCosts(), 0.25),
              100 * quantile(r.pairCosts(), 0.75)));
    }
    return md.toString();
  }

  private static String micros(Stats s) {
    return String.format(Locale.ROOT, "%.1f µs (%.1f–%.1f)", s.median(), s.min(), s.max());
  }
}
