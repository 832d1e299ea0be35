package dev.drydock.dao;

import static dev.drydock.generated.Tables.ACCOUNTS;
import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.dao.tx.Isolation;
import dev.drydock.dao.tx.TransactionRetry;
import dev.drydock.generated.Keys;
import dev.drydock.generated.tables.records.AccountsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The usage example given for the README, kept compiling and passing. */
@ExtendWith(PostgresExtension.class)
class ReadmeExampleTest {

  private final TestDatabase testDb;

  ReadmeExampleTest(TestDatabase testDb) {
    this.testDb = testDb;
  }

  @Test
  void readmeExampleRuns() {
    List<String> log = new ArrayList<>();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(testDb.jdbcUrl());
    config.setUsername(testDb.credentials().getProperty("user"));
    config.setPassword(testDb.credentials().getProperty("password"));
    try (HikariDataSource pool = new HikariDataSource(config)) {
      // --- README snippet starts ---
      DrydockDatabase db =
          DrydockDatabase.configure().dataSource(pool).queryTimeout(Duration.ofSeconds(5)).build();
      TableRepository<UsersRecord, Integer> users = db.repository(USERS);

      UsersRecord ada = users.create(new UsersRecord().setName("Ada").setEmail("ada@example.com"));
      try {
        users.create(new UsersRecord().setName("Ada again").setEmail("ada@example.com"));
      } catch (ConflictException e) {
        // 23505 unique_email users (Key (email)=(ada@example.com) already exists.)
        log.add(e.sqlState().orElseThrow() + " " + e.constraint().orElseThrow());
      }
      users.findBy(USERS.EMAIL, "ada@example.com"); // any unique key

      UsersRecord older = users.update(ada.setAge(36)); // lock_version 0 -> 1, updated_at set
      try {
        users.update(ada.setAge(37)); // ada still holds lock_version 0
      } catch (StaleVersionException e) { // a ConflictException, retryable
        log.add("stale " + e.expectedVersion() + " vs " + e.actualVersion().orElseThrow());
      }

      TableRepository<AccountsRecord, UUID> accounts = db.repository(ACCOUNTS);
      UUID id =
          accounts.create(new AccountsRecord().setOwnerId(ada.getId()).setBalance(500L)).getId();
      TransactionRetry retry =
          TransactionRetry.configure().isolation(Isolation.SERIALIZABLE).maxAttempts(10).build();
      AccountsRecord debited =
          retry.run(
              db.dsl(),
              tx -> {
                TableRepository<AccountsRecord, UUID> inTx = accounts.using(tx);
                AccountsRecord account = inTx.findById(id).orElseThrow();
                return inTx.update(account.setBalance(account.getBalance() - 100));
              });
      var withAccounts = users.findWithChildren(ada.getId(), Keys.ACCOUNTS__ACCOUNTS_OWNER_ID_FKEY);
      // --- README snippet ends ---
      assertThat(older.getLockVersion()).isEqualTo(1);
      assertThat(debited.getBalance()).isEqualTo(400);
      assertThat(older.getUpdatedAt()).isNotNull();
      assertThat(withAccounts.orElseThrow().children())
          .extracting(AccountsRecord::getId)
          .containsExactly(id);
    }
    assertThat(log).containsExactly("23505 unique_email", "stale 0 vs 1");
  }
}
