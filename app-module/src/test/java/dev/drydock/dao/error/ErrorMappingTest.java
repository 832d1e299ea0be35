package dev.drydock.dao.error;

import static dev.drydock.dao.testing.DatabaseExceptionAssert.assertThrows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Every row of the SQLState table that PostgreSQL can produce, triggered by real SQL on the
 * embedded server through the configured {@link DSLContext}; the rest raised by a function or
 * trigger ({@code RAISE ... USING ERRCODE}).
 */
@ExtendWith(PostgresExtension.class)
class ErrorMappingTest {

  private static final Table<Record> USERS = table(name("users"));
  private static final Table<Record> POSTS = table(name("posts"));
  private static final Table<Record> ACCOUNTS = table(name("accounts"));
  private static final Field<Integer> ID = field(name("id"), Integer.class);
  private static final Field<String> NAME = field(name("name"), String.class);
  private static final Field<String> EMAIL = field(name("email"), String.class);
  private static final Field<String> TITLE = field(name("title"), String.class);
  private static final Field<Integer> AUTHOR_ID = field(name("author_id"), Integer.class);
  private static final Field<Long> BALANCE = field(name("balance"), Long.class);

  private final TestDatabase db;
  private final DSLContext dsl;

  ErrorMappingTest(TestDatabase db) {
    this.db = db;
    this.dsl = db.dsl();
  }

  @BeforeAll
  static void schema(TestDatabase db) {
    db.execute(
        "create table bookings (id serial primary key, during int4range,"
            + " constraint bookings_no_overlap exclude using gist (during with &&))",
        "create table audit_log (user_id integer not null references users (id))",
        "create table counters (id integer primary key, n integer not null)",
        "insert into counters values (1, 0), (2, 0)",
        """
        create function raise_sqlstate(state text, message text) returns void language plpgsql
        as $$ begin raise exception '%', message using errcode = state; end $$
        """,
        """
        create table dsql_events (id serial primary key, code text not null);
        create function dsql_conflict() returns trigger language plpgsql as $$
        begin
          if new.code = '40001' then
            raise exception 'change conflicts with another transaction, please retry: (OC000)'
              using errcode = '40001';
          end if;
          raise exception 'optimistic concurrency failure: (%)', new.code using errcode = new.code;
        end $$;
        create trigger dsql_conflict before insert on dsql_events
          for each row execute function dsql_conflict();
        """);
  }

  private int insertUser(String email) {
    return dsl.insertInto(USERS, NAME, EMAIL).values("U", email).returning(ID).fetchOne(ID);
  }

  // --- class 23 -----------------------------------------------------------------------------

  @Test
  void duplicateEmailThrowsConflictWithUniqueEmailConstraint() {
    // given
    insertUser("dup@example.com");
    // when / then
    assertThrows(
            ConflictException.class,
            () -> dsl.insertInto(USERS, NAME, EMAIL).values("Other", "dup@example.com").execute())
        .hasSqlState("23505")
        .hasConstraint("unique_email")
        .hasTable("users")
        .hasDetail("Key (email)=(dup@example.com) already exists.")
        .isNotRetryable();
  }

  @Test
  void overlappingExclusionThrowsConflict() {
    // given
    db.execute("insert into bookings (during) values ('[1,10)')");
    // when / then
    assertThrows(
            ConflictException.class,
            () -> dsl.execute("insert into bookings (during) values ('[5,15)')"))
        .hasSqlState("23P01")
        .hasConstraint("bookings_no_overlap")
        .hasTable("bookings")
        .isNotRetryable();
  }

  @Test
  void insertReferencingMissingRowThrowsNotFound() {
    // when / then
    assertThrows(
            NotFoundException.class,
            () -> dsl.insertInto(POSTS, TITLE, AUTHOR_ID).values("T", 999_999).execute())
        .hasSqlState("23503")
        .hasConstraint("posts_author_id_fkey")
        .hasTable("posts")
        .hasDetail("Key (author_id)=(999999) is not present in table \"users\".")
        .isNotRetryable();
  }

  @Test
  void updateReferencingMissingRowThrowsNotFound() {
    // given
    int author = insertUser("author-upd@example.com");
    int post =
        dsl.insertInto(POSTS, TITLE, AUTHOR_ID).values("T", author).returning(ID).fetchOne(ID);
    // when / then
    assertThrows(
            NotFoundException.class,
            () -> dsl.update(POSTS).set(AUTHOR_ID, 888_888).where(ID.eq(post)).execute())
        .hasSqlState("23503")
        .hasConstraint("posts_author_id_fkey");
  }

  @Test
  void deleteOfStillReferencedRowThrowsConflict() {
    // given
    int user = insertUser("referenced@example.com");
    db.execute("insert into audit_log values (" + user + ")");
    // when / then: PostgreSQL reports the referencing table
    assertThrows(ConflictException.class, () -> dsl.deleteFrom(USERS).where(ID.eq(user)).execute())
        .hasSqlState("23503")
        .hasConstraint("audit_log_user_id_fkey")
        .hasTable("audit_log")
        .isNotRetryable();
  }

  @Test
  void updateOfStillReferencedKeyThrowsConflict() {
    // given: a user referenced by a row without ON UPDATE CASCADE
    int user = insertUser("rekey@example.com");
    db.execute("insert into audit_log values (" + user + ")");
    // when / then: the violation names audit_log, not the updated users table
    assertThrows(
            ConflictException.class,
            () -> dsl.update(USERS).set(ID, user + 100_000).where(ID.eq(user)).execute())
        .hasSqlState("23503")
        .hasConstraint("audit_log_user_id_fkey")
        .hasTable("audit_log");
  }

  @Test
  void plainSqlForeignKeyViolationsAreClassifiedByTheirFirstKeyword() {
    // given
    int user = insertUser("plain@example.com");
    db.execute("insert into audit_log values (" + user + ")");
    // when / then
    assertThrows(
            NotFoundException.class,
            () -> dsl.execute("insert into posts (title, author_id) values ('T', 777777)"))
        .hasSqlState("23503");
    assertThrows(ConflictException.class, () -> dsl.execute("delete from users where id = ?", user))
        .hasSqlState("23503");
  }

  @Test
  void nullNameThrowsInvalidInputNamingTheColumn() {
    // when / then
    assertThrows(
            InvalidInputException.class,
            () ->
                dsl.insertInto(USERS, NAME, EMAIL).values((String) null, "n@example.com").execute())
        .hasSqlState("23502")
        .hasTable("users")
        .hasColumn("name")
        .isNotRetryable();
  }

  @Test
  void negativeBalanceThrowsInvalidInputWithCheckConstraint() {
    // when / then
    assertThrows(
            InvalidInputException.class,
            () -> dsl.insertInto(ACCOUNTS, BALANCE).values(-1L).execute())
        .hasSqlState("23514")
        .hasConstraint("accounts_balance_non_negative")
        .hasTable("accounts")
        .isNotRetryable();
  }

  // --- class 22 -----------------------------------------------------------------------------

  @Test
  void tooLongEmailThrowsInvalidInput() {
    // when / then: email is varchar(255)
    assertThrows(
            InvalidInputException.class,
            () -> dsl.insertInto(USERS, NAME, EMAIL).values("Long", "x".repeat(256)).execute())
        .hasSqlState("22001")
        .isNotRetryable();
  }

  @Test
  void malformedUuidThrowsInvalidInput() {
    // when / then
    assertThrows(
            InvalidInputException.class,
            () -> dsl.execute("insert into accounts (id) values ('not-a-uuid')"))
        .hasSqlState("22P02");
  }

  @Test
  void integerOverflowThrowsInvalidInput() {
    // when / then
    assertThrows(
            InvalidInputException.class,
            () -> dsl.fetch("select age + 1 from (select 2147483647 as age) t"))
        .hasSqlState("22003");
  }

  @Test
  void divisionByZeroThrowsInvalidInput() {
    assertThrows(InvalidInputException.class, () -> dsl.fetch("select 1 / (select 0)"))
        .hasSqlState("22012");
  }

  // --- retryable ----------------------------------------------------------------------------

  @Test
  void concurrentUpdateUnderRepeatableReadThrowsRetryableSerializationFailure() throws Exception {
    // given: a repeatable read transaction has taken its snapshot
    try (Connection other = db.connect()) {
      Throwable thrown =
          catchThrowable(
              () ->
                  dsl.transaction(
                      cfg -> {
                        DSLContext tx = cfg.dsl();
                        tx.execute("set transaction isolation level repeatable read");
                        tx.fetch("select n from counters where id = 1");
                        // when: another session changes the row and commits
                        execute(other, "update counters set n = n + 1 where id = 1");
                        tx.execute("update counters set n = n + 10 where id = 1");
                      }));
      // then
      assertThat(thrown).isExactlyInstanceOf(UnavailableException.class);
      assertThat(((DatabaseException) thrown).sqlState()).contains("40001");
      assertThat(((DatabaseException) thrown).isRetryable()).isTrue();
      assertThat(thrown.getCause()).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void deadlockThrowsRetryableUnavailable() throws Exception {
    // given: two sessions each lock one counter, then want the other one; this session checks for
    // deadlocks after 500 ms, the other after 10 s, so this one is the victim
    try (Connection other = db.connect()) {
      other.setAutoCommit(false);
      execute(other, "set deadlock_timeout = '10s'");
      CountDownLatch bothLocked = new CountDownLatch(2);
      CompletableFuture<Void> otherSide =
          CompletableFuture.runAsync(
              () -> {
                try {
                  execute(other, "update counters set n = n + 1 where id = 2");
                  bothLocked.countDown();
                  bothLocked.await(10, TimeUnit.SECONDS);
                  execute(other, "update counters set n = n + 1 where id = 1");
                  other.rollback();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      // when
      Throwable thrown =
          catchThrowable(
              () ->
                  dsl.transaction(
                      cfg -> {
                        DSLContext tx = cfg.dsl();
                        tx.execute("set local deadlock_timeout = '500ms'");
                        tx.execute("update counters set n = n + 1 where id = 1");
                        bothLocked.countDown();
                        bothLocked.await(10, TimeUnit.SECONDS);
                        tx.execute("update counters set n = n + 1 where id = 2");
                      }));
      // then: the other session got its lock once this one rolled back
      otherSide.get(10, TimeUnit.SECONDS);
      assertThat(thrown).isExactlyInstanceOf(UnavailableException.class);
      assertThat(((DatabaseException) thrown).sqlState()).contains("40P01");
      assertThat(((DatabaseException) thrown).isRetryable()).isTrue();
      assertThat(thrown.getCause()).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void lockedRowWithNowaitThrowsRetryableUnavailable() throws Exception {
    // given: another session holds the row lock
    try (Connection other = db.connect()) {
      other.setAutoCommit(false);
      execute(other, "select * from counters where id = 1 for update");
      // when / then
      assertThrows(
              UnavailableException.class,
              () -> dsl.fetch("select * from counters where id = 1 for update nowait"))
          .hasSqlState("55P03")
          .isRetryable();
      other.rollback();
    }
  }

  @Test
  void lockTimeoutThrowsRetryableUnavailable() throws Exception {
    // given: another session holds the row lock
    try (Connection other = db.connect()) {
      other.setAutoCommit(false);
      execute(other, "select * from counters where id = 2 for update");
      // when / then
      assertThrows(
              UnavailableException.class,
              () ->
                  dsl.transaction(
                      cfg -> {
                        cfg.dsl().execute("set local lock_timeout = '50ms'");
                        cfg.dsl().execute("update counters set n = n + 1 where id = 2");
                      }))
          .hasSqlState("55P03")
          .isRetryable();
      other.rollback();
    }
  }

  @Test
  void statementTimeoutThrowsRetryableUnavailable() {
    // when / then
    assertThrows(
            UnavailableException.class,
            () ->
                dsl.transaction(
                    cfg -> {
                      cfg.dsl().execute("set local statement_timeout = '50ms'");
                      cfg.dsl().fetch("select pg_sleep(5)");
                    }))
        .hasSqlState("57014")
        .isRetryable();
  }

  @Test
  void jdbcQueryTimeoutOfTheEntryPointThrowsRetryableUnavailable() {
    // given
    DSLContext withTimeout =
        DrydockDatabase.configure()
            .dataSource(db.dataSource())
            .queryTimeout(Duration.ofSeconds(1))
            .build()
            .dsl();
    // when / then
    assertThrows(UnavailableException.class, () -> withTimeout.fetch("select pg_sleep(10)"))
        .hasSqlState("57014")
        .isRetryable();
  }

  @Test
  void terminatedBackendThrowsRetryableUnavailable() {
    // when: an administrator terminates the session in the middle of a transaction
    Throwable thrown =
        catchThrowable(
            () ->
                dsl.transaction(
                    cfg -> {
                      int pid = cfg.dsl().fetchSingle("select pg_backend_pid()").get(0, int.class);
                      db.execute("select pg_terminate_backend(" + pid + ", 5000)");
                      cfg.dsl().fetch("select 1");
                    }));
    // then
    assertThat(thrown).isExactlyInstanceOf(UnavailableException.class);
    assertThat(((DatabaseException) thrown).sqlState()).contains("57P01");
    assertThat(((DatabaseException) thrown).isRetryable()).isTrue();
    assertThat(thrown.getCause()).isInstanceOf(SQLException.class);
  }

  @Test
  void refusedConnectionThrowsRetryableUnavailable() throws Exception {
    // given: a data source pointing at a port nobody listens on
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2");
    DSLContext unreachable = DrydockDatabase.using(nowhere).dsl();
    // when / then
    assertThrows(UnavailableException.class, () -> unreachable.fetch("select 1"))
        .hasSqlState("08001")
        .isRetryable();
  }

  @Test
  void tooManyConnectionsForRoleThrowsRetryableUnavailable() {
    // given: a role that may not open any connection
    db.execute("create role no_slots login connection limit 0");
    PGSimpleDataSource limited = new PGSimpleDataSource();
    limited.setUrl(db.jdbcUrl());
    limited.setUser("no_slots");
    DSLContext dslLimited = DrydockDatabase.using(limited).dsl();
    // when / then
    assertThrows(UnavailableException.class, () -> dslLimited.fetch("select 1"))
        .hasSqlState("53300")
        .isRetryable();
  }

  @Test
  void shutdownCodesRaisedByTheServerAreRetryable() {
    for (String state : new String[] {"57P02", "57P03", "53100", "53200", "53400", "08006"}) {
      // when / then
      assertThrows(
              UnavailableException.class,
              () -> dsl.fetch("select raise_sqlstate(?, 'raised')", state))
          .as(state)
          .hasSqlState(state)
          .isRetryable();
    }
  }

  // --- Aurora DSQL --------------------------------------------------------------------------

  @Test
  void dsqlDataConflictAs40001WithOc000InTheMessageIsRetryable() {
    // when / then: DSQL's own form, raised by a trigger
    DatabaseException e =
        assertThrows(
                UnavailableException.class,
                () -> dsl.execute("insert into dsql_events (code) values ('40001')"))
            .hasSqlState("40001")
            .isRetryable()
            .actual();
    assertThat(e.getMessage()).contains("(OC000)");
  }

  @Test
  void dsqlCodesSurfacedAsTheSqlStateAreRetryable() {
    for (String code : new String[] {"OC000", "OC001"}) {
      // when / then: as some drivers and proxies surface them
      assertThrows(
              UnavailableException.class,
              () -> dsl.execute("insert into dsql_events (code) values (?)", code))
          .as(code)
          .hasSqlState(code)
          .isRetryable();
    }
  }

  // --- batches and pass-through -------------------------------------------------------------

  @Test
  void batchWithDuplicateEmailThrowsConflict() {
    // given
    insertUser("batch-dup@example.com");
    // when / then
    assertThrows(
            ConflictException.class,
            () ->
                dsl.batch(
                        dsl.insertInto(USERS, NAME, EMAIL).values("A", "batch-a@example.com"),
                        dsl.insertInto(USERS, NAME, EMAIL).values("B", "batch-dup@example.com"))
                    .execute())
        .hasConstraint("unique_email")
        .hasTable("users");
  }

  @Test
  void errorOutsideTheTablePassesThroughUnchanged() {
    // when
    Throwable thrown = catchThrowable(() -> dsl.fetch("select * from no_such_table"));
    // then: jOOQ's own exception, with the driver's SQLState
    assertThat(thrown).isExactlyInstanceOf(DataAccessException.class);
    assertThat(((DataAccessException) thrown).sqlState()).isEqualTo("42P01");
    assertThat(thrown.getCause()).isInstanceOf(SQLException.class);
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
