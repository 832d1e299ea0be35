package dev.drydock.dao.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.drydock.dao.DrydockDatabase;
import dev.drydock.provider.ThrowawayDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated database of its own for one test class, with a HikariCP pool and a {@link
 * DrydockDatabase} on it. Closed (pool shut down, database dropped) when the class is done.
 */
public final class TestDatabase implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  private final ThrowawayDatabase server;
  private final String name;
  private final HikariDataSource pool;
  private final DrydockDatabase drydock;

  TestDatabase(ThrowawayDatabase server, String name) {
    this.server = server;
    this.name = name;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl(name));
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setMaximumPoolSize(20);
    config.setPoolName(name);
    this.pool = new HikariDataSource(config);
    this.drydock = DrydockDatabase.configure().dataSource(pool).build();
  }

  /** Name of the database. */
  public String name() {
    return name;
  }

  /** The pooled data source. */
  public DataSource dataSource() {
    return pool;
  }

  /** The library under test, configured over the pool. */
  public DrydockDatabase drydock() {
    return drydock;
  }

  /** The configured jOOQ context. */
  public DSLContext dsl() {
    return drydock.dsl();
  }

  /** JDBC URL of this database. */
  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  /** A new unpooled connection, for a second session in concurrency tests. */
  public Connection connect() throws SQLException {
    return server.connect(name);
  }

  /** Connection properties of the server's superuser. */
  public Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", server.user());
    p.setProperty("password", server.password());
    return p;
  }

  /** Runs statements on a separate connection, outside any test transaction. */
  public void execute(String... statements) {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws SQLException {
    pool.close();
    try (Connection c = server.connect();
        Statement st = c.createStatement()) {
      st.execute("drop database if exists " + name + " with (force)");
    }
  }
}
