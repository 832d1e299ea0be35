package dev.drydock.bench.dao;

import dev.drydock.dao.DrydockDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Runs each operation once through the repositories, records the SQL jOOQ sends, and compares it
 * with the hand-written baseline's: the comparison is only fair while both send the same text.
 */
public final class SqlCapture {

  /** What jOOQ sent for one operation and whether the baseline sends the same. */
  public record Captured(String operation, String jooqSql, String jdbcSql) {
    public boolean same() {
      return jooqSql.equals(jdbcSql);
    }
  }

  private SqlCapture() {}

  /** One entry per operation, in the benchmark's order. */
  public static List<Captured> capture(BenchDatabase database) {
    List<String> sent = new ArrayList<>();
    ExecuteListener recorder =
        new ExecuteListener() {
          private static final long serialVersionUID = 1L;

          @Override
          public void executeStart(ExecuteContext ctx) {
            sent.add(ctx.sql());
          }
        };
    RepositoryOperations dao =
        new RepositoryOperations(
            DrydockDatabase.configure()
                .dataSource(database.pool())
                .executeListener(recorder)
                .build());
    Map<String, String> jdbc = new LinkedHashMap<>();
    Map<String, String> jooq = new LinkedHashMap<>();
    dao.insertReturning("capture", "capture@example.com");
    jooq.put("insertReturning", last(sent));
    jdbc.put("insertReturning", JdbcOperations.INSERT);
    dao.findById(1);
    jooq.put("findById", last(sent));
    jdbc.put("findById", JdbcOperations.FIND);
    dao.optimisticUpdate(1, 42);
    jooq.put("optimisticUpdate", last(sent));
    jdbc.put("optimisticUpdate", JdbcOperations.UPDATE);
    dao.userWithPosts(1);
    jooq.put("userWithPosts", last(sent));
    jdbc.put("userWithPosts", JdbcOperations.WITH_POSTS);
    List<NewUser> rows = new ArrayList<>();
    for (int i = 0; i < DaoBench.BATCH; i++) {
      rows.add(new NewUser("capture " + i, "capture" + i + "@example.com", i % 90, true));
    }
    dao.batchInsert(rows);
    jooq.put("batchInsert1000", last(sent));
    jdbc.put("batchInsert1000", JdbcOperations.batchInsertSql(DaoBench.BATCH));
    List<Captured> result = new ArrayList<>();
    jooq.forEach((op, sql) -> result.add(new Captured(op, sql, jdbc.get(op))));
    return result;
  }

  private static String last(List<String> sent) {
    return sent.get(sent.size() - 1);
  }
}
