package dev.drydock.dao;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.drydock.dao.error.ConflictException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.repository.AccountRepository;
import dev.drydock.dao.repository.UserRepository;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.dao.tx.Isolation;
import dev.drydock.dao.tx.TransactionRetry;
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
      UserRepository users = db.users();

      UsersRecord ada = users.create("Ada", "ada@example.com");
      try {
        users.create("Ada again", "ada@example.com");
      } catch (ConflictException e) {
        // 23505 unique_email users (Key (email)=(ada@example.com) already exists.)
        log.add(e.sqlState().orElseThrow() + " " + e.constraint().orElseThrow());
      }

      UsersRecord older = users.update(ada.setAge(36)); // lock_version 0 -> 1
      try {
        users.update(ada.setAge(37)); // ada still holds lock_version 0
      } catch (StaleVersionException e) { // a ConflictException, retryable
        log.add("stale " + e.expectedVersion() + " vs " + e.actualVersion().orElseThrow());
      }

      AccountRepository accounts = db.accounts();
      UUID from = accounts.create(ada.getId(), 500).getId();
      UUID to = accounts.create(null, 0).getId();
      TransactionRetry retry =
          TransactionRetry.configure().isolation(Isolation.SERIALIZABLE).maxAttempts(10).build();
      retry.run(
          db.dsl(),
          tx -> {
            accounts.using(tx).transfer(from, to, 100);
            return null;
          });
      // --- README snippet ends ---
      assertThat(older.getLockVersion()).isEqualTo(1);
      assertThat(accounts.findById(to).orElseThrow().getBalance()).isEqualTo(100);
    }
    assertThat(log).containsExactly("23505 unique_email", "stale 0 vs 1");
  }
}
