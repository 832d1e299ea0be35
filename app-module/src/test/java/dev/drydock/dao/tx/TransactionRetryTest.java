package dev.drydock.dao.tx;

import static dev.drydock.dao.testing.DatabaseExceptionAssert.assertThrows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.drydock.dao.error.CommitOutcomeUnknownException;
import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.DatabaseException;
import dev.drydock.dao.error.UnavailableException;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TransactionRetryTest {

  private final TestDatabase db;
  private final DSLContext dsl;
  private final AtomicInteger attempts = new AtomicInteger();
  private final List<Integer> retried = new ArrayList<>();
  private final List<Duration> slept = new ArrayList<>();

  TransactionRetryTest(TestDatabase db) {
    this.db = db;
    this.dsl = db.dsl();
  }

  @BeforeAll
  static void schema(TestDatabase db) {
    db.execute(
        "create table work_log (attempt integer not null)",
        """
        create function raise_sqlstate(state text, message text) returns void language plpgsql
        as $$ begin raise exception '%', message using errcode = state; end $$
        """,
        // a row inserted here makes COMMIT fail with the SQLState in it (deferred trigger)
        """
        create table fail_commit (code text not null);
        create function fail_commit() returns trigger language plpgsql as $$
        begin raise exception 'failed at commit' using errcode = new.code; end $$;
        create constraint trigger fail_commit after insert on fail_commit
          deferrable initially deferred for each row execute function fail_commit();
        """);
  }

  @BeforeEach
  void empty() {
    db.execute("truncate work_log");
  }

  private TransactionRetry.Builder policy(int maxAttempts) {
    return TransactionRetry.configure()
        .maxAttempts(maxAttempts)
        .backoff(Duration.ofMillis(1), Duration.ofMillis(4))
        .listener((attempt, failure, backoff) -> retried.add(attempt))
        .sleeper(slept::add);
  }

  private int logAttempt(DSLContext tx) {
    int attempt = attempts.incrementAndGet();
    tx.execute("insert into work_log values (?)", attempt);
    return attempt;
  }

  private List<Integer> loggedAttempts() {
    return dsl.fetch("select attempt from work_log order by attempt").getValues(0, Integer.class);
  }

  @Test
  void retryableFailureRerunsTheWholeUnitUntilItSucceeds() {
    // given: a unit that fails with a serialization failure on its first two attempts
    TransactionRetry retry = policy(5).build();
    // when
    String result =
        retry.run(
            dsl,
            tx -> {
              int attempt = logAttempt(tx);
              if (attempt < 3) {
                tx.fetch("select raise_sqlstate('40001', 'conflict')");
              }
              return "done in " + attempt;
            });
    // then: only the last attempt's writes are committed
    assertThat(result).isEqualTo("done in 3");
    assertThat(attempts).hasValue(3);
    assertThat(retried).containsExactly(1, 2);
    assertThat(slept).hasSize(2);
    assertThat(loggedAttempts()).containsExactly(3);
  }

  @Test
  void nonRetryableFailureIsThrownAtOnce() {
    // given
    db.execute("insert into users (name, email) values ('Ada', 'ada@example.com')");
    TransactionRetry retry = policy(5).build();
    // when / then
    assertThrows(
            ConflictException.class,
            () ->
                retry.run(
                    dsl,
                    tx -> {
                      logAttempt(tx);
                      return tx.execute(
                          "insert into users (name, email) values ('Ada', 'ada@example.com')");
                    }))
        .hasSqlState("23505")
        .hasConstraint("unique_email");
    assertThat(attempts).hasValue(1);
    assertThat(retried).isEmpty();
    assertThat(loggedAttempts()).isEmpty();
  }

  @Test
  void applicationExceptionIsThrownUnchangedAndNotRetried() {
    // given
    TransactionRetry retry = policy(5).build();
    IllegalStateException boom = new IllegalStateException("boom");
    // when
    Throwable thrown =
        catchThrowable(
            () ->
                retry.run(
                    dsl,
                    tx -> {
                      logAttempt(tx);
                      throw boom;
                    }));
    // then
    assertThat(thrown).isSameAs(boom);
    assertThat(attempts).hasValue(1);
    assertThat(loggedAttempts()).isEmpty();
  }

  @Test
  void exhaustedAttemptsSurfaceTheLastErrorWithTheFirstSuppressed() {
    // given: a unit that always deadlocks
    TransactionRetry retry = policy(3).build();
    // when
    Throwable thrown =
        catchThrowable(
            () ->
                retry.run(
                    dsl,
                    tx ->
                        tx.fetch(
                            "select raise_sqlstate('40P01', ?)",
                            "attempt " + attempts.incrementAndGet())));
    // then
    assertThat(thrown).isExactlyInstanceOf(UnavailableException.class);
    assertThat(thrown).hasMessageContaining("attempt 3");
    assertThat(((DatabaseException) thrown).sqlState()).contains("40P01");
    assertThat(thrown.getCause()).isInstanceOf(SQLException.class);
    assertThat(thrown.getSuppressed()).hasSize(1);
    assertThat(thrown.getSuppressed()[0]).hasMessageContaining("attempt 1");
    assertThat(attempts).hasValue(3);
    assertThat(retried).containsExactly(1, 2);
  }

  @Test
  void backoffGrowsExponentiallyUpToTheCapWithFullJitter() {
    // given: the largest jitter, then half of it
    TransactionRetry top =
        TransactionRetry.configure()
            .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
            .random(() -> 1.0)
            .build();
    TransactionRetry half =
        TransactionRetry.configure()
            .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
            .multiplier(3)
            .random(() -> 0.5)
            .build();
    // when / then
    assertThat(List.of(top.backoff(1), top.backoff(2), top.backoff(3), top.backoff(4)))
        .containsExactly(
            Duration.ofMillis(10),
            Duration.ofMillis(20),
            Duration.ofMillis(40),
            Duration.ofMillis(50));
    assertThat(List.of(half.backoff(1), half.backoff(2), half.backoff(3)))
        .containsExactly(Duration.ofMillis(5), Duration.ofMillis(15), Duration.ofMillis(25));
  }

  @Test
  void sleepsTheBackoffBetweenAttempts() {
    // given
    TransactionRetry retry =
        TransactionRetry.configure()
            .maxAttempts(4)
            .backoff(Duration.ofMillis(2), Duration.ofMillis(5))
            .random(() -> 1.0)
            .sleeper(slept::add)
            .build();
    // when
    catchThrowable(() -> retry.run(dsl, tx -> tx.fetch("select raise_sqlstate('55P03', 'x')")));
    // then
    assertThat(slept)
        .containsExactly(Duration.ofMillis(2), Duration.ofMillis(4), Duration.ofMillis(5));
  }

  @Test
  void isolationLevelIsSetForEveryAttempt() {
    // given
    TransactionRetry retry = policy(2).isolation(Isolation.SERIALIZABLE).build();
    // when
    String level = retry.run(dsl, tx -> (String) tx.fetchValue("show transaction_isolation"));
    // then
    assertThat(level).isEqualTo("serializable");
  }

  @Test
  void serializationFailureAtCommitIsRetried() {
    // given: the first attempt's COMMIT fails with 40001 (the server rolled it back)
    TransactionRetry retry = policy(3).build();
    // when
    retry.run(
        dsl,
        tx -> {
          if (logAttempt(tx) == 1) {
            tx.execute("insert into fail_commit values ('40001')");
          }
          return null;
        });
    // then
    assertThat(attempts).hasValue(2);
    assertThat(loggedAttempts()).containsExactly(2);
  }

  @Test
  void dsqlOptimisticConflictAtCommitIsRetried() {
    // given: Aurora DSQL reports conflicts at COMMIT as OC000 (here: as the SQLState)
    TransactionRetry retry = policy(3).build();
    // when
    retry.run(
        dsl,
        tx -> {
          if (logAttempt(tx) == 1) {
            tx.execute("insert into fail_commit values ('OC000')");
          }
          return null;
        });
    // then
    assertThat(attempts).hasValue(2);
    assertThat(loggedAttempts()).containsExactly(2);
  }

  @Test
  void nonRetryableFailureAtCommitIsTranslatedAndNotRetried() {
    // given: COMMIT fails with a (deferred) unique violation
    TransactionRetry retry = policy(3).build();
    // when / then
    assertThrows(
            ConflictException.class,
            () ->
                retry.run(
                    dsl,
                    tx -> {
                      logAttempt(tx);
                      return tx.execute("insert into fail_commit values ('23505')");
                    }))
        .hasSqlState("23505")
        .isNotRetryable();
    assertThat(attempts).hasValue(1);
  }

  @Test
  void lostConnectionDuringCommitIsReportedAsUnknownOutcomeAndNotRetried() {
    // given: the session is terminated after the unit's last statement, before COMMIT
    TransactionRetry retry = policy(3).build();
    // when
    Throwable thrown =
        catchThrowable(
            () ->
                retry.run(
                    dsl,
                    tx -> {
                      logAttempt(tx);
                      int pid = ((Number) tx.fetchValue("select pg_backend_pid()")).intValue();
                      db.execute("select pg_terminate_backend(" + pid + ", 5000)");
                      return null;
                    }));
    // then
    assertThat(thrown).isExactlyInstanceOf(CommitOutcomeUnknownException.class);
    assertThat(((DatabaseException) thrown).isRetryable()).isFalse();
    assertThat(thrown.getCause()).isInstanceOf(SQLException.class);
    // the driver reads either the server's FATAL 57P01 or, if the socket is already closed, fails
    // with 08006; both mean the COMMIT may or may not have reached the server
    assertThat(((DatabaseException) thrown).sqlState())
        .hasValueSatisfying(s -> assertThat(s).isIn("57P01", "08006"));
    assertThat(attempts).hasValue(1);
    assertThat(retried).isEmpty();
  }

  @Test
  void nestedRunFailsFast() {
    // given
    TransactionRetry retry = policy(3).build();
    // when / then
    assertThatThrownBy(() -> retry.run(dsl, tx -> retry.run(tx, inner -> 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inside a retried unit of work");
    Integer afterwards = retry.run(dsl, tx -> 2);
    assertThat(afterwards).isEqualTo(2);
  }

  @Test
  void invalidConfigurationIsRejected() {
    assertThatThrownBy(() -> TransactionRetry.configure().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                TransactionRetry.configure().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransactionRetry.configure().multiplier(0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
