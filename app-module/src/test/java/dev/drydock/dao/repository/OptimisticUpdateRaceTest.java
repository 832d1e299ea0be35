package dev.drydock.dao.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.sample.UserRepository;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.tables.records.UsersRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The optimistic update decides NotFound vs Conflict inside its one statement. These tests make a
 * concurrent transaction change the row while the update waits for the row lock.
 */
@ExtendWith(PostgresExtension.class)
class OptimisticUpdateRaceTest {

  private final TestDatabase db;
  private final UserRepository users;

  OptimisticUpdateRaceTest(TestDatabase db) {
    this.db = db;
    this.users = new UserRepository(db.drydock());
  }

  @Test
  void rowChangedWhileTheUpdateWaitsIsAConflictWithUnknownActualVersion() throws Exception {
    // given: another transaction has updated the row (version 0 -> 1) but not committed yet
    UsersRecord ada = users.create("Ada", "race-upd@example.com");
    try (Connection other = db.connect()) {
      other.setAutoCommit(false);
      execute(
          other,
          "update users set age = 1, lock_version = lock_version + 1 where id = " + ada.getId());
      // when: our update of version 0 waits for the row lock, then the other transaction commits
      CompletableFuture<Throwable> ours =
          CompletableFuture.supplyAsync(() -> catchThrowable(() -> users.update(ada.setAge(2))));
      awaitLockWait();
      other.commit();
      Throwable thrown = ours.get(10, TimeUnit.SECONDS);
      // then: a retryable conflict; the version the row had is not known to this statement
      assertThat(thrown).isExactlyInstanceOf(StaleVersionException.class);
      StaleVersionException e = (StaleVersionException) thrown;
      assertThat(e.expectedVersion()).isZero();
      assertThat(e.actualVersion()).isEmpty();
      assertThat(e.isRetryable()).isTrue();
      assertThat(users.findById(ada.getId()).orElseThrow().getAge()).isEqualTo(1);
    }
  }

  @Test
  void rowDeletedWhileTheUpdateWaitsIsAConflictThatARetryTurnsIntoNotFound() throws Exception {
    // given: another transaction has deleted the row but not committed yet
    UsersRecord ada = users.create("Ada", "race-del@example.com");
    try (Connection other = db.connect()) {
      other.setAutoCommit(false);
      execute(other, "delete from users where id = " + ada.getId());
      // when
      CompletableFuture<Throwable> ours =
          CompletableFuture.supplyAsync(() -> catchThrowable(() -> users.update(ada.setAge(2))));
      awaitLockWait();
      other.commit();
      Throwable thrown = ours.get(10, TimeUnit.SECONDS);
      // then: the statement saw the row in its snapshot, so it reports a (retryable) conflict;
      // the retry sees the truth
      assertThat(thrown).isExactlyInstanceOf(StaleVersionException.class);
      assertThat(users.findById(ada.getId())).isEmpty();
    }
  }

  /** Waits until some session of this database waits for a row lock. */
  private void awaitLockWait() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs =
            st.executeQuery(
                "select count(*) from pg_stat_activity"
                    + " where datname = current_database() and wait_event_type = 'Lock'")) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(5);
      }
    }
    throw new AssertionError("the update never waited for the row lock");
  }

  private static void execute(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
