package dev.drydock.spring;

import static dev.drydock.generated.Tables.ACCOUNTS;
import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.UnavailableException;
import dev.drydock.dao.tx.TransactionRetry;
import dev.drydock.generated.tables.records.AccountsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import dev.drydock.spring.sample.SampleApplication;
import dev.drydock.spring.sample.TransferService;
import dev.drydock.spring.testing.TestPostgres;
import dev.drydock.spring.tx.RetryingTransactionTemplate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code @RetryableTransaction} on real conflicts and on each retryable SQLState. */
@SpringBootTest(
    classes = SampleApplication.class,
    properties = {
      "drydock.retry.isolation=repeatable_read",
      "drydock.retry.initial-backoff=1ms",
      "drydock.retry.max-backoff=5ms"
    })
class RetryableTransactionTest {

  private static String database;

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    database = TestPostgres.createDatabase("retry");
    String url = TestPostgres.url(database);
    registry.add("spring.datasource.url", () -> url);
  }

  @Autowired DrydockDatabase db;
  @Autowired TransferService transfers;
  @Autowired RetryingTransactionTemplate retrying;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired TransactionRetry retry;
  @Autowired JdbcTemplate jdbc;

  private TableRepository<AccountsRecord, UUID> accounts() {
    return db.repository(ACCOUNTS);
  }

  private TableRepository<UsersRecord, Integer> users() {
    return db.repository(USERS);
  }

  private static UsersRecord user(String name, String email) {
    return new UsersRecord().setName(name).setEmail(email);
  }

  private UUID openAccount(long balance) {
    return accounts().create(new AccountsRecord().setBalance(balance)).getId();
  }

  @BeforeEach
  void resetAttempts() {
    transfers.attemptsAndReset();
  }

  @Test
  void givenAConcurrentWriteAfterTheRead_whenTheTransferUpdates_thenItIsRetriedOnceAndSucceeds() {
    // given
    UUID from = openAccount(100);
    UUID to = openAccount(0);
    // when: in the first attempt, another session changes the source row after it was read, so
    // the repeatable-read transaction's update fails with a real serialization failure (40001)
    long read =
        transfers.transfer(
            from,
            to,
            30,
            attempt -> {
              if (attempt == 1) {
                outside("update accounts set balance = balance + 5 where id = ?", from);
              }
            });
    // then: the second attempt read the new balance and the transfer applied once
    assertThat(transfers.attemptsAndReset()).isEqualTo(2);
    assertThat(read).isEqualTo(105);
    assertThat(accounts().findById(from).orElseThrow().getBalance()).isEqualTo(75);
    assertThat(accounts().findById(to).orElseThrow().getBalance()).isEqualTo(30);
  }

  @ParameterizedTest
  @ValueSource(strings = {"40001", "40P01", "OC000", "OC001"})
  void givenARetryableErrorInTheFirstAttempt_whenRetried_thenTheFirstAttemptsWriteIsRolledBack(
      String sqlState) {
    // given: a statement that raises sqlState the first time only (a sequence is not rolled back)
    String sequence = "fail_once_" + sqlState.toLowerCase(java.util.Locale.ROOT);
    outside("create sequence " + sequence, null);
    String failOnce =
        "do $$ begin if nextval('"
            + sequence
            + "') = 1 then raise exception 'injected' using errcode = '"
            + sqlState
            + "'; end if; end $$";
    String email = sequence + "@example.com";
    // when: each attempt inserts the user, then runs the statement
    transfers.registerThen(email, failOnce);
    // then: two attempts, and only the second one's user is there
    assertThat(transfers.attemptsAndReset()).isEqualTo(2);
    assertThat(db.dsl().fetchCount(USERS, USERS.EMAIL.eq(email))).isEqualTo(1);
  }

  @Test
  void
      givenTheTransactionRetryBean_whenRunOnDrydocksContext_thenEachAttemptIsOneSpringTransaction() {
    // given
    outside("create sequence fail_once_plain", null);
    String failOnce =
        "do $$ begin if nextval('fail_once_plain') = 1 then"
            + " raise exception 'injected' using errcode = '40001'; end if; end $$";
    int[] attempts = {0};
    // when: TransactionRetry.run on the DrydockDatabase context (Spring's transaction provider)
    Integer pid =
        retry.run(
            db.dsl(),
            tx -> {
              attempts[0]++;
              users().using(tx).create(user("Plain", "plain-retry@example.com"));
              Integer inTx =
                  tx.select(DSL.field("pg_backend_pid()", Integer.class))
                      .fetchOne(0, Integer.class);
              Integer jdbcPid = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
              assertThat(jdbcPid).isEqualTo(inTx);
              tx.execute(failOnce);
              return inTx;
            });
    // then: the first attempt's insert was rolled back with it
    assertThat(pid).isNotNull();
    assertThat(attempts[0]).isEqualTo(2);
    assertThat(db.dsl().fetchCount(USERS, USERS.EMAIL.eq("plain-retry@example.com"))).isEqualTo(1);
  }

  @Test
  void givenANonRetryableError_whenTheUnitFails_thenItIsNotRetried() {
    // given
    users().create(user("Taken", "taken@example.com"));
    // when
    ConflictException e =
        catchThrowableOfType(
            ConflictException.class, () -> transfers.registerThen("taken@example.com", "select 1"));
    // then
    assertThat(e.sqlState()).contains("23505");
    assertThat(transfers.attemptsAndReset()).isEqualTo(1);
  }

  @Test
  void givenAnErrorInEveryAttempt_whenAttemptsRunOut_thenTheLastErrorAfterFiveAttempts() {
    // when
    UnavailableException e =
        catchThrowableOfType(
            UnavailableException.class,
            () ->
                transfers.registerThen(
                    "never@example.com",
                    "do $$ begin raise exception 'always' using errcode = '40001'; end $$"));
    // then
    assertThat(e.sqlState()).contains("40001");
    assertThat(e.isRetryable()).isTrue();
    assertThat(transfers.attemptsAndReset()).isEqualTo(5);
    assertThat(users().findBy(USERS.EMAIL, "never@example.com")).isEmpty();
  }

  @Test
  void givenAnOpenTransaction_whenARetriedUnitStartsInside_thenItFailsFast() {
    // given
    TransactionTemplate outer = new TransactionTemplate(transactionManager);
    // when
    IllegalStateException e =
        catchThrowableOfType(
            IllegalStateException.class,
            () -> outer.executeWithoutResult(status -> retrying.execute(inner -> 1)));
    // then
    assertThat(e).hasMessageContaining("inside another transaction");
    assertThat(transfers.attemptsAndReset()).isZero();
  }

  /** Runs {@code sql} on a connection of its own, outside the application, and commits. */
  private static void outside(String sql, UUID id) {
    try (Connection c = TestPostgres.connect(database);
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (id != null) {
        ps.setObject(1, id);
      }
      ps.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
