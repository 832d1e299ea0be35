package dev.drydock.bench.dao;

import dev.drydock.dao.DrydockDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The DAO library against hand-written JDBC, one operation per benchmark method, throughput on one
 * thread. Each fork starts its own embedded PostgreSQL ({@link BenchDatabase}); the variant says
 * who runs the SQL:
 *
 * <ul>
 *   <li>{@code jdbc}: {@link JdbcOperations}, the baseline;
 *   <li>{@code generic}: the generic repository {@code db.repository(USERS)} of a {@link
 *       DrydockDatabase} as configured by default (hot statements on the direct path: SQL rendered
 *       once, run with JDBC); since the library has no schema of its own, this is what the sample's
 *       repositories (thin classes over it) and an application's run;
 *   <li>{@code jooq}: the same with {@code directExecution(false)}: every statement through jOOQ's
 *       execute lifecycle, error-translating listener included;
 *   <li>{@code jooqNoListener}: {@code jooq} with {@code translateErrors(false)}, no listener.
 * </ul>
 *
 * {@code DaoSection} runs it and reports generic ÷ jdbc, jooq ÷ jdbc and jooqNoListener ÷ jooq (the
 * listener's cost, measured on the path where it runs) per operation. There is no {@code generic}
 * variant without the listener: the direct path never calls it, so that ratio would be 1 by
 * construction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DaoBench {

  /** Rows per batch insert. */
  public static final int BATCH = 1000;

  @Param({"jdbc", "generic", "jooq", "jooqNoListener"})
  public String variant;

  private BenchDatabase database;
  private DaoOperations operations;
  private int sequence;
  private int nextId;

  @Setup(Level.Trial)
  public void setUp() {
    database = BenchDatabase.start(BenchDatabase.projectMigrations());
    operations = operations(variant, database);
  }

  /** The implementation behind a variant name. */
  public static DaoOperations operations(String variant, BenchDatabase database) {
    return switch (variant) {
      case "jdbc" -> new JdbcOperations(database.pool());
      case "generic" ->
          new RepositoryOperations(DrydockDatabase.configure().dataSource(database.pool()).build());
      case "jooq" ->
          new RepositoryOperations(
              DrydockDatabase.configure()
                  .dataSource(database.pool())
                  .directExecution(false)
                  .build());
      case "jooqNoListener" ->
          new RepositoryOperations(
              DrydockDatabase.configure()
                  .dataSource(database.pool())
                  .directExecution(false)
                  .translateErrors(false)
                  .build());
      default -> throw new IllegalArgumentException("unknown variant " + variant);
    };
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    database.close();
  }

  /** The next seeded user id, round-robin. */
  private int seededId() {
    nextId = nextId % BenchDatabase.USERS + 1;
    return nextId;
  }

  @Benchmark
  public Object insertReturning() {
    int n = ++sequence;
    return operations.insertReturning("new user " + n, "new" + n + "@example.com");
  }

  @Benchmark
  public Object findById() {
    return operations.findById(seededId());
  }

  @Benchmark
  public int optimisticUpdate() {
    int n = ++sequence;
    return operations.optimisticUpdate(1 + n % BenchDatabase.USERS, n % 100);
  }

  @Benchmark
  public Object userWithPosts() {
    return operations.userWithPosts(seededId());
  }

  /** A user without posts: the join's one row with null post columns. */
  @Benchmark
  public Object userWithNoPosts() {
    return operations.userWithPosts(BenchDatabase.USER_WITHOUT_POSTS);
  }

  /** A user with 1,000 posts. */
  @Benchmark
  public Object userWith1000Posts() {
    return operations.userWithPosts(BenchDatabase.USER_WITH_MANY_POSTS);
  }

  @Benchmark
  public Object batchInsert1000() {
    List<NewUser> rows = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      int n = ++sequence;
      rows.add(new NewUser("batch user " + n, "batch" + n + "@example.com", n % 90, n % 2 == 0));
    }
    return operations.batchInsert(rows);
  }
}
