package dev.drydock.dao.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The SQLState table, row by row (the same rows are triggered with real SQL elsewhere). */
class SqlStateTableTest {

  @ParameterizedTest(name = "{0} on {1} -> {2}, retryable={3}")
  @CsvSource({
    // unique, exclusion, restrict: conflicts
    "23505, INSERT, ConflictException,     false",
    "23P01, INSERT, ConflictException,     false",
    "23001, DELETE, ConflictException,     false",
    // foreign key: NotFound unless a DELETE still has references
    "23503, INSERT, NotFoundException,     false",
    "23503, UPDATE, NotFoundException,     false",
    "23503, MERGE,  NotFoundException,     false",
    "23503, OTHER,  NotFoundException,     false",
    "23503, DELETE, ConflictException,     false",
    // invalid input
    "23502, INSERT, InvalidInputException, false",
    "23514, UPDATE, InvalidInputException, false",
    "22001, INSERT, InvalidInputException, false",
    "22P02, SELECT, InvalidInputException, false",
    "22003, SELECT, InvalidInputException, false",
    "22012, SELECT, InvalidInputException, false",
    "22007, SELECT, InvalidInputException, false",
    // unavailable, retryable
    "40001, UPDATE, UnavailableException,  true",
    "40P01, UPDATE, UnavailableException,  true",
    "55P03, SELECT, UnavailableException,  true",
    "57014, SELECT, UnavailableException,  true",
    "25P03, SELECT, UnavailableException,  true",
    "57P01, SELECT, UnavailableException,  true",
    "57P02, SELECT, UnavailableException,  true",
    "57P03, SELECT, UnavailableException,  true",
    "57P05, SELECT, UnavailableException,  true",
    "08000, SELECT, UnavailableException,  true",
    "08001, SELECT, UnavailableException,  true",
    "08003, SELECT, UnavailableException,  true",
    "08006, SELECT, UnavailableException,  true",
    "08P01, SELECT, UnavailableException,  true",
    "53000, SELECT, UnavailableException,  true",
    "53100, INSERT, UnavailableException,  true",
    "53200, SELECT, UnavailableException,  true",
    "53300, SELECT, UnavailableException,  true",
    "53400, SELECT, UnavailableException,  true",
    // Aurora DSQL optimistic concurrency, surfaced as the SQLState itself
    "OC000, UPDATE, UnavailableException,  true",
    "OC001, SELECT, UnavailableException,  true",
  })
  void sqlStateMapsToItsCategory(String state, StatementKind kind, String type, boolean retryable) {
    // given
    SQLException e = new SQLException("boom", state);
    // when
    DatabaseException translated = ErrorTranslator.translate(e, kind);
    // then
    assertThat(translated.getClass().getSimpleName()).isEqualTo(type);
    assertThat(translated.isRetryable()).isEqualTo(retryable);
    assertThat(translated.sqlState()).contains(state);
    assertThat(translated.getCause()).isSameAs(e);
  }

  @ParameterizedTest
  @ValueSource(strings = {"42601", "42P01", "42703", "0A000", "XX000", "P0001", "OC002"})
  void sqlStateOutsideTheTableIsNotTranslated(String state) {
    // given
    SQLException e = new SQLException("boom", state);
    // when / then
    assertThat(ErrorTranslator.translate(e, StatementKind.SELECT)).isNull();
  }

  @Test
  void missingOrMalformedSqlStateIsNotTranslated() {
    assertThat(ErrorTranslator.translate(new SQLException("no state"), StatementKind.INSERT))
        .isNull();
    assertThat(ErrorTranslator.translate(new SQLException("short", "08"), StatementKind.INSERT))
        .isNull();
  }

  @Test
  void foreignKeyViolationOfAnUpdateNamingAnotherTableIsAConflict() {
    // given: PostgreSQL names the referencing table of a violated foreign key
    PSQLException referencedElsewhere =
        new PSQLException(new ServerErrorMessage("SERROR\0C23503\0Mfk\0tposts\0"));
    // when / then
    assertThat(ErrorTranslator.translate(referencedElsewhere, StatementKind.UPDATE, "users"))
        .isInstanceOf(ConflictException.class);
    assertThat(ErrorTranslator.translate(referencedElsewhere, StatementKind.UPDATE, "posts"))
        .isInstanceOf(NotFoundException.class);
    assertThat(ErrorTranslator.translate(referencedElsewhere, StatementKind.UPDATE, null))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void foreignKeyViolationIsClassifiedByTheServersTextBeforeTheStatementKind() {
    // given: the two reports of ri_ReportViolation, the detail without values (no SELECT right)
    PSQLException stillReferenced =
        new PSQLException(
            new ServerErrorMessage(
                "SERROR\0C23503\0Mupdate or delete on table \"users\" violates foreign key"
                    + " constraint \"users_referrer_fkey\" on table \"users\"\0"
                    + "DKey is still referenced from table \"users\".\0tusers\0"));
    PSQLException missing =
        new PSQLException(
            new ServerErrorMessage(
                "SERROR\0C23503\0Minsert or update on table \"posts\" violates foreign key"
                    + " constraint \"posts_author_id_fkey\"\0"
                    + "DKey is not present in table \"users\".\0tposts\0"));
    // when / then: the kind and the written table do not override what the server said
    assertThat(ErrorTranslator.translate(stillReferenced, StatementKind.UPDATE, "users"))
        .isInstanceOf(ConflictException.class);
    assertThat(ErrorTranslator.translate(stillReferenced, StatementKind.INSERT, "users"))
        .isInstanceOf(ConflictException.class);
    assertThat(ErrorTranslator.translate(stillReferenced, StatementKind.SELECT, null))
        .isInstanceOf(ConflictException.class)
        .hasCause(stillReferenced);
    assertThat(ErrorTranslator.translate(missing, StatementKind.DELETE, "users"))
        .isInstanceOf(NotFoundException.class);
    assertThat(ErrorTranslator.translate(missing, StatementKind.SELECT, null))
        .isInstanceOf(NotFoundException.class)
        .hasCause(missing);
  }

  @Test
  void foreignKeyViolationInAnotherLanguageFallsBackToTheStatementKind() {
    // given: a server with lc_messages = 'de_DE' (PostgreSQL's German catalogue)
    PSQLException german =
        new PSQLException(
            new ServerErrorMessage(
                "SFEHLER\0C23503\0MAktualisieren oder L\u00f6schen in Tabelle \u00bbusers\u00ab"
                    + " verletzt Fremdschl\u00fcssel-Constraint \u00bbfk\u00ab von Tabelle"
                    + " \u00bbinvites\u00ab\0tinvites\0"));
    // when / then
    assertThat(ErrorTranslator.translate(german, StatementKind.DELETE, "users"))
        .isInstanceOf(ConflictException.class);
    assertThat(ErrorTranslator.translate(german, StatementKind.UPDATE, "users"))
        .isInstanceOf(ConflictException.class);
    assertThat(ErrorTranslator.translate(german, StatementKind.INSERT, "invites"))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((DatabaseException) e).table())
        .isEqualTo(java.util.Optional.of("invites"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "restart transaction: TransactionRetryWithProtoRefreshError: TransactionRetryError: retry"
            + " txn (RETRY_SERIALIZABLE - failed preemptive refresh)",
        "restart transaction: TransactionRetryWithProtoRefreshError: WriteTooOldError: write for"
            + " key /Table/104/1/1/0 at timestamp 1.0 too old; must write at or above 2.0",
        "restart transaction: TransactionRetryWithProtoRefreshError:"
            + " ReadWithinUncertaintyIntervalError: read at time 1.0 encountered previous write",
        "restart transaction: TransactionRetryWithProtoRefreshError: TransactionAbortedError"
            + "(ABORT_REASON_ABORTED_RECORD_FOUND)",
        "restart transaction: TransactionRetryWithProtoRefreshError: TransactionRetryError: retry"
            + " txn (RETRY_COMMIT_DEADLINE_EXCEEDED)",
        "restart transaction: TransactionRetryWithProtoRefreshError: injected by"
            + " `inject_retry_errors_enabled` session variable"
      })
  void cockroachDbRestartTransactionVariantsAreRetryable(String message) {
    // given: CockroachDB's transaction retry errors, all 40001
    SQLException e = new SQLException("ERROR: " + message, "40001");
    // when
    DatabaseException translated = ErrorTranslator.translate(e, StatementKind.UPDATE);
    // then
    assertThat(translated).isInstanceOf(UnavailableException.class).hasCause(e);
    assertThat(translated.isRetryable()).isTrue();
    assertThat(translated.sqlState()).contains("40001");
  }

  @Test
  void cockroachDbAmbiguousResultIsACommitOfUnknownOutcomeNeverRetried() {
    // given
    SQLException e = new SQLException("ERROR: result is ambiguous (error=rpc error)", "40003");
    // when
    DatabaseException translated = ErrorTranslator.translate(e, StatementKind.OTHER);
    // then
    assertThat(translated).isInstanceOf(CommitOutcomeUnknownException.class).hasCause(e);
    assertThat(translated.isRetryable()).isFalse();
    assertThat(translated.sqlState()).contains("40003");
  }

  @Test
  void dsqlSerializationFailureWithOc000InTheMessageIsRetryable() {
    // given: DSQL reports optimistic concurrency failures as 40001 with OC000 in the message
    SQLException e =
        new SQLException(
            "ERROR: change conflicts with another transaction, retry (OC000)", "40001");
    // when
    DatabaseException translated = ErrorTranslator.translate(e, StatementKind.OTHER);
    // then
    assertThat(translated).isInstanceOf(UnavailableException.class);
    assertThat(translated.isRetryable()).isTrue();
    assertThat(translated.getMessage()).contains("OC000");
  }

  @Test
  void serverFieldsAreReadFromPsqlServerErrorMessage() {
    // given: a server error report as pgjdbc parses it (fields by their protocol letters)
    ServerErrorMessage report =
        new ServerErrorMessage(
            "SERROR\0C23505\0Mduplicate key value violates unique constraint \"unique_email\"\0"
                + "DKey (email)=(a@b.c) already exists.\0spublic\0tusers\0nunique_email\0");
    PSQLException e = new PSQLException(report);
    // when
    DatabaseException translated = ErrorTranslator.translate(e, StatementKind.INSERT);
    // then
    assertThat(translated).isInstanceOf(ConflictException.class);
    assertThat(translated.constraint()).contains("unique_email");
    assertThat(translated.schema()).contains("public");
    assertThat(translated.table()).contains("users");
    assertThat(translated.column()).isEmpty();
    assertThat(translated.detail()).contains("Key (email)=(a@b.c) already exists.");
    assertThat(translated.getMessage())
        .isEqualTo(
            "[23505] duplicate key value violates unique constraint \"unique_email\""
                + " (Key (email)=(a@b.c) already exists.)");
  }

  @Test
  void batchFailureIsReadFromTheNextException() {
    // given: pgjdbc reports the failing statement of a batch as the next exception
    PSQLException next =
        new PSQLException(new ServerErrorMessage("SERROR\0C23502\0Mnull value\0tusers\0cname\0"));
    BatchUpdateException batch = new BatchUpdateException("batch failed", "23502", new int[0]);
    batch.setNextException(next);
    // when
    DatabaseException translated = ErrorTranslator.translate(batch, StatementKind.INSERT);
    // then
    assertThat(translated).isInstanceOf(InvalidInputException.class);
    assertThat(translated.column()).contains("name");
    assertThat(translated.table()).contains("users");
    assertThat(translated.getCause()).isSameAs(batch);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "insert into t values (1)             | INSERT",
        "  UPDATE t set a = 1                 | UPDATE",
        "/* c */ -- x NL delete from t        | DELETE",
        "(select 1)                           | SELECT",
        "merge into t using s on true do nothing | MERGE",
        "with x as (select 1) delete from t   | OTHER",
        "create table t (a int)               | OTHER",
        "''                                   | OTHER",
      })
  void plainSqlKindIsItsFirstKeyword(String sql, StatementKind kind) {
    assertThat(StatementKind.ofSql(sql.replace(" NL ", "\n").replace("''", ""))).isEqualTo(kind);
  }
}
