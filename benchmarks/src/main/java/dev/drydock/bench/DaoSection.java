package dev.drydock.bench;

import dev.drydock.bench.dao.BenchDatabase;
import dev.drydock.bench.dao.DaoBench;
import dev.drydock.bench.dao.RepositoryAb;
import dev.drydock.bench.dao.SqlCapture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The {@code dao} section: {@link DaoBench} (the DAO library against hand-written JDBC on an
 * embedded PostgreSQL) in rounds, each round one fresh JVM per operation and variant, so load
 * drifts hit the baseline and the DAO alike; ratios are taken within a round, then their median and
 * spread over the rounds reported.
 *
 * <p>Options: {@code --dao-forks=N} rounds (default 3), {@code --dao-warmups=N} and {@code
 * --dao-iterations=N} per fork (default 2 and 2), {@code --dao-seconds=N} per iteration (default
 * 1), {@code --dao-ops=findById,insertReturning} to run only some operations, {@code
 * --dao-variants=jdbc,generic} only some variants ({@link DaoBench}: jdbc, generic, jooq,
 * jooqNoListener).
 */
final class DaoSection implements Section {

  static final List<String> OPERATIONS =
      List.of(
          "insertReturning",
          "findById",
          "optimisticUpdate",
          "userWithNoPosts",
          "userWithPosts",
          "userWith1000Posts",
          "batchInsert1000");
  static final List<String> VARIANTS = List.of("jdbc", "generic", "jooq", "jooqNoListener");

  private final int rounds;
  private final int warmups;
  private final int iterations;
  private final int seconds;
  private final List<String> operations;
  private final List<String> variants;
  private final Path root;
  private final Path work;

  DaoSection(Map<String, String> options, Path root, Path work) {
    this.rounds = Integer.parseInt(options.getOrDefault("dao-forks", "3"));
    this.warmups = Integer.parseInt(options.getOrDefault("dao-warmups", "2"));
    this.iterations = Integer.parseInt(options.getOrDefault("dao-iterations", "2"));
    this.seconds = Integer.parseInt(options.getOrDefault("dao-seconds", "1"));
    this.operations =
        options.containsKey("dao-ops") ? List.of(options.get("dao-ops").split(",")) : OPERATIONS;
    this.variants =
        options.containsKey("dao-variants")
            ? List.of(options.get("dao-variants").split(","))
            : VARIANTS;
    for (String variant : variants) {
      if (!VARIANTS.contains(variant)) {
        throw new IllegalArgumentException(
            "--dao-variants: unknown variant " + variant + ", expected some of " + VARIANTS);
      }
    }
    this.root = root;
    this.work = work;
  }

  @Override
  public String run() throws RunnerException {
    String load = Machine.sectionLoad();
    Machine.progress("dao: checking that the baseline sends the repositories' SQL");
    List<SqlCapture.Captured> sql;
    try (BenchDatabase database = BenchDatabase.start(root.resolve("migrations"))) {
      sql = SqlCapture.capture(database);
    }
    // per operation and variant: one score (ops/s) per round
    Map<String, List<Double>> scores = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      Machine.progress(
          "dao: round "
              + round
              + "/"
              + rounds
              + " ("
              + operations.size() * variants.size()
              + " JVMs)");
      var options =
          new org.openjdk.jmh.runner.options.OptionsBuilder()
              .include(DaoBench.class.getName() + "\\.(" + String.join("|", operations) + ")$")
              .mode(Mode.Throughput)
              .timeUnit(TimeUnit.SECONDS)
              .param("variant", variants.toArray(String[]::new))
              .forks(1)
              .warmupIterations(warmups)
              .warmupTime(TimeValue.seconds(seconds))
              .measurementIterations(iterations)
              .measurementTime(TimeValue.seconds(seconds))
              .shouldFailOnError(true)
              .jvmArgsAppend("-Xmx1g", "-Ddrydock.bench.root=" + root)
              .output(work.resolve("jmh-dao-" + round + ".log").toString())
              .build();
      for (RunResult result : new Runner(options).run()) {
        String method = result.getParams().getBenchmark();
        method = method.substring(method.lastIndexOf('.') + 1);
        String variant = result.getParams().getParam("variant");
        scores
            .computeIfAbsent(method + "/" + variant, k -> new ArrayList<>())
            .add(result.getPrimaryResult().getScore());
      }
    }
    String report = report(load, sql, scores);
    List<String> ab =
        operations.stream()
            .filter(op -> op.startsWith("userWith") || op.equals("findById"))
            .toList();
    if (!ab.isEmpty() && variants.contains("jdbc") && variants.contains("generic")) {
      Machine.progress("dao: generic vs jdbc, A/B in one JVM on one server");
      List<RepositoryAb.Result> abResults;
      try (BenchDatabase database = BenchDatabase.start(root.resolve("migrations"))) {
        abResults = RepositoryAb.measure(database, ab);
      }
      report +=
          "### Generic repository ÷ hand-written JDBC, A/B in one JVM\n\n"
              + "The same comparison without fork-to-fork noise: in this JVM, on one server, blocks"
              + " of calls alternate between the baseline and the generic repository (24 pairs"
              + " after 6 warm-up pairs; 400 calls a block, 20 for the user with 1,000 posts);"
              + " ratio = baseline's block time ÷ generic's, per adjacent pair, median"
              + " (quartiles). `findById` is the reference (≈ 1.0x on the direct path). Client"
              + " CPU: the calling thread's CPU time per call (JDBC driver, pool and mapping; not"
              + " the server's), median over the pairs.\n\n"
              + RepositoryAb.table(abResults)
              + "\n";
    }
    if (!variants.contains("jooq") || !variants.contains("jooqNoListener")) {
      return report;
    }
    Machine.progress("dao: listener cost, A/B in one JVM on one server");
    List<ListenerCost.Result> cost;
    try (BenchDatabase database = BenchDatabase.start(root.resolve("migrations"))) {
      cost = ListenerCost.measure(database, operations);
    }
    return report
        + "### The listener's cost on the success path, A/B in one JVM\n\n"
        + "The fork-to-fork noise above is larger than the 2% to be shown, so the listener's cost"
        + " is measured apart: in this JVM, on one server, blocks of calls on jOOQ's path with the"
        + " translating listener (*jooq*) and without it (*jooqNoListener*) alternate (30 pairs"
        + " after 4 warm-up pairs; 400 calls a block, 4 for the batch). The listener's work is"
        + " client CPU, so the calling thread's CPU time per call is compared; cost = (CPU with −"
        + " CPU without) ÷ wall time with, per adjacent pair of blocks so that drifts of the"
        + " machine cancel, median over the pairs (quartiles); CPU and wall columns: median"
        + " (min–max over the blocks).\n\n"
        + ListenerCost.table(cost)
        + "\n";
  }

  private String report(
      String load, List<SqlCapture.Captured> sql, Map<String, List<Double>> scores) {
    StringBuilder md = new StringBuilder();
    md.append("## DAO library against hand-written JDBC (JMH, throughput)\n\n")
        .append(load)
        .append("One embedded PostgreSQL per forked JVM (migrated, 100 users with 10 posts each),")
        .append(" one HikariCP pool for both sides, one thread. *jdbc*: hand-written")
        .append(" `PreparedStatement` code sending the SQL the repositories send (the baseline);")
        .append(" *generic*: the generic repository `db.repository(USERS)` of")
        .append(" `DrydockDatabase.configure()...build()` (hot statements rendered once, run with")
        .append(" JDBC; a user with their 0, 10 or 1,000 posts is `findWithChildren`, one `LEFT")
        .append(" JOIN` read into the generated records, targets ≥ 0.8x at 10 posts and ≥ 0.5x at")
        .append(" 1,000); *jooq*: the same with")
        .append(" `directExecution(false)`, every statement through jOOQ's execute lifecycle and")
        .append(" the error-translating listener; *jooqNoListener*: *jooq* with")
        .append(" `translateErrors(false)`. ")
        .append(
            String.format(
                Locale.ROOT,
                "%d round(s); per round one fork per operation and variant, %d warm-up and %d"
                    + " measured iterations of %d s. Throughput: median ops/s over the rounds"
                    + " (min–max); ratios: taken within each round, median (min–max).%n%n",
                rounds,
                warmups,
                iterations,
                seconds))
        .append("| operation |");
    for (String variant : variants) {
      md.append(' ').append(variant).append(" ops/s |");
    }
    md.append(" generic ÷ jdbc (target ≥ 0.95) | jooq ÷ jdbc (plain jOOQ, reference) |")
        .append(" jooqNoListener ÷ jooq (listener cost, target ≤ 1.02) | same SQL |\n")
        .append("|---|")
        .append("---|".repeat(variants.size() + 4))
        .append('\n');
    for (String op : operations) {
      List<Double> jdbc = scores.getOrDefault(op + "/jdbc", List.of());
      List<Double> generic = scores.getOrDefault(op + "/generic", List.of());
      List<Double> jooq = scores.getOrDefault(op + "/jooq", List.of());
      List<Double> bare = scores.getOrDefault(op + "/jooqNoListener", List.of());
      boolean same =
          sql.stream().filter(c -> c.operation().equals(op)).allMatch(SqlCapture.Captured::same);
      md.append("| ").append(op).append(" |");
      for (String variant : variants) {
        md.append(' ')
            .append(opsPerSecond(scores.getOrDefault(op + "/" + variant, List.of())))
            .append(" |");
      }
      md.append(' ')
          .append(ratio(generic, jdbc))
          .append(" | ")
          .append(ratio(jooq, jdbc))
          .append(" | ")
          .append(ratio(bare, jooq))
          .append(" | ")
          .append(same ? "yes" : "**no** (see below)")
          .append(" |\n");
    }
    md.append('\n');
    for (SqlCapture.Captured c : sql) {
      if (!c.same()) {
        md.append("SQL differs for ")
            .append(c.operation())
            .append(":\n\n```sql\n-- repositories (jOOQ)\n")
            .append(abbreviate(c.jooqSql()))
            .append("\n-- hand-written baseline\n")
            .append(abbreviate(c.jdbcSql()))
            .append("\n```\n\n");
      }
    }
    return md.toString();
  }

  private static String abbreviate(String sql) {
    return sql.length() <= 1200 ? sql : sql.substring(0, 1200) + " …";
  }

  private static String opsPerSecond(List<Double> samples) {
    Stats s = Stats.of(samples);
    if (s.isEmpty()) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", s.median(), s.min(), s.max());
  }

  /** Median and range of {@code a[i] / b[i]} over the rounds. */
  private static String ratio(List<Double> a, List<Double> b) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      ratios.add(a.get(i) / b.get(i));
    }
    Stats s = Stats.of(ratios);
    if (s.isEmpty()) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2fx (%.2f–%.2f)", s.median(), s.min(), s.max());
  }
}
