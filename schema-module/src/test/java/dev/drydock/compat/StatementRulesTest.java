package dev.drydock.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drydock.engine.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statement and transaction rules of each target, rule by rule, on migration texts (no
 * database): which rule, which line, and nothing inside comments or strings.
 */
class StatementRulesTest {

  private static List<Finding> check(Target target, String sql, boolean inTransaction) {
    return CompatibilityCheck.statements(target.rules(), "V1__m.sql", sql, inTransaction);
  }

  @Test
  void dsqlRefusesEachUnsupportedConstructOnItsLine() {
    // given: one statement per construct, in one file run outside a transaction
    String sql =
        """
        -- a comment naming TRUNCATE and REFERENCES users is not a statement
        CREATE TABLE posts (
            id uuid PRIMARY KEY,
            author_id uuid REFERENCES users (id),
            note text DEFAULT 'TRUNCATE; CREATE EXTENSION x'
        );
        CREATE INDEX posts_author_idx ON posts (author_id);
        CREATE INDEX ASYNC posts_note_idx ON posts (note DESC);
        TRUNCATE posts;
        CREATE EXTENSION IF NOT EXISTS pgcrypto;
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN TRUNCATE other; RETURN NEW; END $$;
        CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE TEMPORARY TABLE scratch (id int);
        CREATE TYPE mood AS ENUM ('ok');
        CREATE SEQUENCE counter CACHE 100;
        CREATE TABLE logs (id bigserial PRIMARY KEY);
        UPDATE posts SET note = 'x';
        """;
    // when
    List<Finding> findings = check(Target.DSQL, sql, false);
    // then
    assertThat(findings)
        .extracting(Finding::line, Finding::rule, Finding::severity)
        .containsExactly(
            tuple(4, "dsql-foreign-key", Severity.ERROR),
            tuple(7, "dsql-create-index-sync", Severity.ERROR),
            tuple(8, "dsql-index-async-order", Severity.ERROR),
            tuple(9, "dsql-truncate", Severity.ERROR),
            tuple(10, "dsql-extension", Severity.ERROR),
            tuple(11, "dsql-plpgsql", Severity.ERROR),
            tuple(13, "dsql-trigger", Severity.ERROR),
            tuple(14, "dsql-temporary-table", Severity.ERROR),
            tuple(15, "dsql-type", Severity.ERROR),
            tuple(16, "dsql-sequence-cache", Severity.ERROR),
            tuple(17, "dsql-serial", Severity.WARNING),
            tuple(18, "dsql-unbounded-data-migration", Severity.WARNING));
    Finding fk = findings.get(0);
    assertThat(fk.file()).isEqualTo("V1__m.sql");
    assertThat(fk.subject()).isEqualTo("CREATE TABLE posts (");
    assertThat(fk.limit()).isEqualTo("Unsupported constraints: foreign keys");
    assertThat(fk.link())
        .isEqualTo(
            "https://docs.aws.amazon.com/aurora-dsql/latest/userguide/working-with-postgresql-compatibility-unsupported-features.html");
    assertThat(fk.describe())
        .startsWith("V1__m.sql:4: error dsql-foreign-key: foreign key (CREATE TABLE posts ()");
  }

  @Test
  void dsqlAllowsOneDdlStatementPerTransactionAndNoDdlWithDml() {
    // given: a transactional migration creating two tables and filling one
    String sql =
        """
        CREATE TABLE a (id uuid PRIMARY KEY);
        CREATE TABLE b (id uuid PRIMARY KEY);
        INSERT INTO a VALUES (gen_random_uuid());
        """;
    // when / then
    assertThat(check(Target.DSQL, sql, true))
        .extracting(Finding::line, Finding::rule)
        .containsExactly(tuple(2, "dsql-ddl-per-transaction"), tuple(3, "dsql-ddl-with-dml"));
    // and with executeInTransaction=false each statement commits on its own
    assertThat(check(Target.DSQL, sql, false)).isEmpty();
    // and CREATE INDEX ASYNC alone is accepted
    assertThat(check(Target.DSQL, "CREATE INDEX ASYNC i ON a (id);", true)).isEmpty();
  }

  @Test
  void cockroachDbRulesNameWhatItRefusesAndWhatItTreatsDifferently() {
    // given
    String sql =
        """
        CREATE TABLE bookings (
            id INT PRIMARY KEY,
            during tstzrange,
            EXCLUDE USING gist (during WITH &&)
        );
        CREATE DOMAIN positive AS int8 CHECK (VALUE > 0);
        ALTER TABLE bookings ADD CONSTRAINT u UNIQUE (id) DEFERRABLE INITIALLY DEFERRED;
        CREATE TABLE logs (id serial PRIMARY KEY, at INT8);
        UPDATE logs SET at = 0;
        CREATE INDEX logs_at ON logs (at);
        """;
    // when / then
    assertThat(check(Target.COCKROACHDB, sql, true))
        .extracting(Finding::line, Finding::rule, Finding::severity)
        .containsExactly(
            tuple(2, "crdb-int-size", Severity.WARNING),
            tuple(4, "crdb-exclusion-constraint", Severity.ERROR),
            tuple(6, "crdb-domain", Severity.ERROR),
            tuple(7, "crdb-deferrable", Severity.ERROR),
            tuple(8, "crdb-serial", Severity.WARNING),
            tuple(9, "crdb-unbounded-data-migration", Severity.WARNING),
            tuple(10, "crdb-ddl-after-write", Severity.ERROR));
  }

  @Test
  void postgresqlHasNoRules() {
    assertThat(check(Target.POSTGRESQL, "CREATE TABLE a (b int REFERENCES c); TRUNCATE a;", true))
        .isEmpty();
  }
}
