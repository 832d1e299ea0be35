package dev.drydock.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.dao.tx.TransactionRetry;
import dev.drydock.generated.Tables;
import dev.drydock.generated.tables.records.UsersRecord;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.exception.DataChangedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** jOOQ's own {@code UpdatableRecord.store()} on a context built by {@link DrydockDatabase}. */
@ExtendWith(PostgresExtension.class)
class RecordStoreTest {

  private final DSLContext dsl;

  RecordStoreTest(TestDatabase db) {
    this.dsl = db.dsl();
  }

  @Test
  void storeOfNewRecordInsertsAndReadsBackDefaults() {
    // given
    UsersRecord user = dsl.newRecord(Tables.USERS).setName("Ada").setEmail("store-new@x");
    // when
    user.store();
    // then
    assertThat(user.getId()).isPositive();
    assertThat(user.getCreatedAt()).isNotNull();
    assertThat(user.getIsActive()).isTrue();
    // jOOQ starts versions of records it inserts at 1 (the column default, used by SQL inserts and
    // the repositories, is 0); only equality of versions matters
    assertThat(user.getLockVersion()).isEqualTo(1);
    // likewise jOOQ sets the record timestamp (updated_at) of records it inserts; SQL inserts and
    // the repositories leave it to the column (NULL here)
    assertThat(user.getUpdatedAt()).isNotNull();
  }

  @Test
  void storeOfChangedRecordIncrementsVersionAndSetsUpdatedAt() {
    // given
    UsersRecord user = dsl.newRecord(Tables.USERS).setName("Ada").setEmail("store-upd@x");
    user.store();
    // when
    user.setAge(36).store();
    // then
    UsersRecord read = dsl.fetchSingle(Tables.USERS, Tables.USERS.ID.eq(user.getId()));
    assertThat(read.getAge()).isEqualTo(36);
    assertThat(read.getLockVersion()).isEqualTo(2);
    assertThat(read.getUpdatedAt()).isNotNull();
    assertThat(user.getLockVersion()).isEqualTo(2);
  }

  @Test
  void storeOfStaleRecordFailsAndDoesNotOverwrite() {
    // given: two copies of the row; the first one is stored
    UsersRecord user = dsl.newRecord(Tables.USERS).setName("Ada").setEmail("store-stale@x");
    user.store();
    UsersRecord stale = dsl.fetchSingle(Tables.USERS, Tables.USERS.ID.eq(user.getId()));
    user.setAge(1).store();
    // when / then: the repositories' exception, jOOQ's as its cause
    assertThatThrownBy(() -> stale.setAge(2).store())
        .isInstanceOfSatisfying(
            StaleVersionException.class,
            e -> {
              assertThat(e.isRetryable()).isTrue();
              assertThat(e.id()).isEqualTo(user.getId());
              assertThat(e.expectedVersion()).isEqualTo(1);
              assertThat(e.actualVersion()).isEmpty();
              assertThat(e.table()).contains("users");
            })
        .hasCauseInstanceOf(DataChangedException.class);
    assertThat(dsl.fetchSingle(Tables.USERS, Tables.USERS.ID.eq(user.getId())).getAge())
        .isEqualTo(1);
  }

  @Test
  void staleStoreInsideTransactionRetryIsRetriedWithAFreshRead() {
    // given: the first attempt stores a copy that another writer made stale
    UsersRecord user = dsl.newRecord(Tables.USERS).setName("Ada").setEmail("store-retry@x");
    user.store();
    UsersRecord stale = dsl.fetchSingle(Tables.USERS, Tables.USERS.ID.eq(user.getId()));
    user.setAge(10).store();
    AtomicInteger attempts = new AtomicInteger();
    TransactionRetry retry =
        TransactionRetry.configure().backoff(Duration.ZERO, Duration.ZERO).build();
    // when
    retry.run(
        dsl,
        tx -> {
          UsersRecord copy =
              attempts.incrementAndGet() == 1
                  ? stale
                  : tx.fetchSingle(Tables.USERS, Tables.USERS.ID.eq(user.getId()));
          copy.attach(tx.configuration());
          copy.setAge(copy.getAge() == null ? 1 : copy.getAge() + 1).store();
          return null;
        });
    // then
    assertThat(attempts).hasValue(2);
    UsersRecord read = dsl.fetchSingle(Tables.USERS, Tables.USERS.ID.eq(user.getId()));
    assertThat(read.getAge()).isEqualTo(11);
    assertThat(read.getLockVersion()).isEqualTo(3);
  }
}
