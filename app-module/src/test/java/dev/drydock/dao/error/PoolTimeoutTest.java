package dev.drydock.dao.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.sample.UserRepository;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.dao.tx.TransactionRetry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A HikariCP pool that has no free connection within its {@code connectionTimeout}: its
 * SQLTransientConnectionException carries no SQLState when no connection attempt failed, and is
 * still a retryable {@link UnavailableException}.
 */
@ExtendWith(PostgresExtension.class)
class PoolTimeoutTest {

  private final TestDatabase db;

  PoolTimeoutTest(TestDatabase db) {
    this.db = db;
  }

  @Test
  void exhaustedPoolFailsWithRetryableUnavailableAfterItsTimeout() throws Exception {
    // given: a pool of one connection, held elsewhere
    try (HikariDataSource pool = pool();
        Connection held = pool.getConnection()) {
      DrydockDatabase drydock = DrydockDatabase.using(pool);
      // when
      long start = System.nanoTime();
      Throwable thrown = catchThrowable(() -> new UserRepository(drydock).findById(1));
      long millis = (System.nanoTime() - start) / 1_000_000;
      // then
      assertThat(thrown).isExactlyInstanceOf(UnavailableException.class);
      UnavailableException e = (UnavailableException) thrown;
      assertThat(e.isRetryable()).isTrue();
      assertThat(e.sqlState()).isEmpty();
      assertThat(e.getCause()).isInstanceOf(SQLTransientConnectionException.class);
      assertThat(e.getMessage()).startsWith("drydock-pool-timeout - Connection is not available");
      assertThat(millis).isBetween(250L, 5_000L);
      assertThat(held.isValid(1)).as("the connection held meanwhile").isTrue();
    }
  }

  @Test
  void retriedUnitAsksThePoolOncePerAttemptWhenNoConnectionComes() throws Exception {
    // given
    try (HikariDataSource pool = pool();
        Connection held = pool.getConnection()) {
      CountingDataSource counting = new CountingDataSource(pool);
      DrydockDatabase drydock = DrydockDatabase.using(counting);
      TransactionRetry retry =
          TransactionRetry.configure().maxAttempts(3).backoff(Duration.ZERO, Duration.ZERO).build();
      // when
      Throwable thrown =
          catchThrowable(() -> retry.run(drydock.dsl(), tx -> tx.selectOne().fetch()));
      // then
      assertThat(thrown).isExactlyInstanceOf(UnavailableException.class);
      assertThat(counting.requests.get()).as("getConnection() calls").isEqualTo(3);
      assertThat(held.isValid(1)).as("the connection held meanwhile").isTrue();
    }
  }

  private HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setDataSourceProperties(db.credentials());
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(250);
    config.setPoolName("drydock-pool-timeout");
    return new HikariDataSource(config);
  }

  /** Counts the connections asked of a real pool. */
  private static final class CountingDataSource implements DataSource {
    private final DataSource pool;
    final AtomicInteger requests = new AtomicInteger();

    CountingDataSource(DataSource pool) {
      this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
      requests.incrementAndGet();
      return pool.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      requests.incrementAndGet();
      return pool.getConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return pool.isWrapperFor(type);
    }
  }
}
