package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The targets' rewrites on statement texts (no database; the CLI tests apply them). */
class TargetDialectTest {

  private final List<String> told = new ArrayList<>();

  private TargetDialect dialect(Target target) {
    return TargetDialect.configure().target(target).log(told::add).build();
  }

  @Test
  void createIndexAsyncIsRewrittenInCodeOnlyAndEachChangeIsTold() {
    // given
    String sql =
        "-- CREATE INDEX ASYNC in a comment stays\n"
            + "CREATE UNIQUE INDEX ASYNC IF NOT EXISTS u ON t (c) INCLUDE (d)";
    // when
    String rewritten = dialect(Target.DSQL).rewrite(sql);
    // then
    assertThat(rewritten)
        .isEqualTo(
            "-- CREATE INDEX ASYNC in a comment stays\n"
                + "CREATE UNIQUE INDEX IF NOT EXISTS u ON t (c) INCLUDE (d)");
    assertThat(told)
        .containsExactly(
            "dsql: `CREATE UNIQUE INDEX ASYNC IF NOT EXISTS u ON t (c) INCLUDE (d)`: `CREATE UNIQUE"
                + " INDEX ASYNC` applied as `CREATE UNIQUE INDEX` (Aurora DSQL builds indexes with"
                + " CREATE INDEX ASYNC (an asynchronous job); PostgreSQL builds the same index with"
                + " CREATE INDEX;"
                + " https://docs.aws.amazon.com/aurora-dsql/latest/userguide/working-with-create-index-async.html)");
  }

  @Test
  void cockroachDbFormsBecomePostgresAndPostgresFormsStay() {
    TargetDialect crdb = dialect(Target.COCKROACHDB);
    assertThat(
            crdb.rewrite(
                "CREATE TABLE t (a STRING NOT NULL, b BYTES, c STRING(20), FAMILY f (a, b))"))
        .isEqualTo("CREATE TABLE t (a TEXT NOT NULL, b BYTEA, c VARCHAR(20))");
    assertThat(crdb.rewrite("CREATE INDEX i ON t (ts) USING HASH WITH (bucket_count = 8)"))
        .isEqualTo("CREATE INDEX i ON t (ts)");
    assertThat(crdb.rewrite("CREATE INDEX i ON t (a) STORING (b, c)"))
        .isEqualTo("CREATE INDEX i ON t (a) INCLUDE (b, c)");
    assertThat(crdb.rewrite("CREATE INVERTED INDEX IF NOT EXISTS j ON t (doc)"))
        .isEqualTo("CREATE INDEX IF NOT EXISTS j ON t USING GIN (doc)");
    // PostgreSQL's own hash index method and strings are left alone
    told.clear();
    assertThat(crdb.rewrite("CREATE INDEX h ON t USING hash (a)"))
        .isEqualTo("CREATE INDEX h ON t USING hash (a)");
    assertThat(crdb.rewrite("INSERT INTO t VALUES ('a STRING, USING HASH')"))
        .isEqualTo("INSERT INTO t VALUES ('a STRING, USING HASH')");
    assertThat(told).isEmpty();
  }

  @Test
  void postgresqlRewritesNothingAndWrapsNothing() {
    assertThat(dialect(Target.POSTGRESQL).rewrite("CREATE INDEX ASYNC i ON t (c)"))
        .isEqualTo("CREATE INDEX ASYNC i ON t (c)");
    assertThat(TargetDialect.POSTGRESQL.rewrites()).isFalse();
    assertThat(Target.parse(" DSQL ")).isEqualTo(Target.DSQL);
  }
}
