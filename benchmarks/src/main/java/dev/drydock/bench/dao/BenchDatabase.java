package dev.drydock.bench.dao;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One embedded PostgreSQL, migrated with Flyway from the project's {@code migrations/} folder, with
 * {@value #USERS} users of {@value #POSTS_PER_USER} posts each (then one user without posts and one
 * with {@value #MANY_POSTS}), and one HikariCP pool that both sides of the benchmark take their
 * connections from.
 */
public final class BenchDatabase implements AutoCloseable {

  /** Users seeded, ids 1..USERS. */
  public static final int USERS = 100;

  /** Posts per seeded user. */
  public static final int POSTS_PER_USER = 10;

  /** A user without posts, seeded after the others. */
  public static final int USER_WITHOUT_POSTS = USERS + 1;

  /** A user with {@value #MANY_POSTS} posts, seeded after the others. */
  public static final int USER_WITH_MANY_POSTS = USERS + 2;

  /** Posts of {@link #USER_WITH_MANY_POSTS}. */
  public static final int MANY_POSTS = 1000;

  private final ThrowawayDatabase server;
  private final HikariDataSource pool;

  private BenchDatabase(ThrowawayDatabase server, HikariDataSource pool) {
    this.server = server;
    this.pool = pool;
  }

  /** The project's {@code migrations/} folder ({@code -Ddrydock.bench.root}, as run.sh sets it). */
  public static Path projectMigrations() {
    return Path.of(System.getProperty("drydock.bench.root", "."))
        .toAbsolutePath()
        .normalize()
        .resolve("migrations");
  }

  /** Starts, migrates and seeds the database; {@code migrations} is the project's folder. */
  public static BenchDatabase start(Path migrations) {
    ThrowawayDatabase server =
        ThrowawayDatabase.start(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build());
    try {
      Flyway.configure()
          .dataSource(server.jdbcUrl(), server.user(), server.password())
          .locations("filesystem:" + migrations.toAbsolutePath())
          .load()
          .migrate();
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(server.jdbcUrl());
      config.setUsername(server.user());
      config.setPassword(server.password());
      config.setMaximumPoolSize(2);
      config.setMinimumIdle(2);
      config.setPoolName("dao-bench");
      BenchDatabase db = new BenchDatabase(server, new HikariDataSource(config));
      db.seed();
      return db;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void seed() {
    try (Connection c = pool.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement("insert into users (name, email, age) values (?, ?, ?)")) {
        for (int u = 1; u <= USER_WITH_MANY_POSTS; u++) {
          ps.setString(1, "user " + u);
          ps.setString(2, "user" + u + "@example.com");
          ps.setInt(3, 20 + u % 50);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into posts (title, content, author_id, status, metadata)"
                  + " values (?, ?, ?, 'active', '{\"key\": \"bench\"}')")) {
        for (int u = 1; u <= USER_WITH_MANY_POSTS; u++) {
          int posts = u <= USERS ? POSTS_PER_USER : u == USER_WITH_MANY_POSTS ? MANY_POSTS : 0;
          for (int p = 1; p <= posts; p++) {
            ps.setString(1, "post " + p + " of user " + u);
            ps.setString(2, "Some content of post " + p + ", a few words long.");
            ps.setInt(3, u);
            ps.addBatch();
          }
        }
        ps.executeBatch();
      }
      try (var st = c.createStatement()) {
        st.execute("vacuum analyze");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("seeding the benchmark database failed", e);
    }
  }

  /** The pool both sides use. */
  public DataSource pool() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
    server.close();
  }
}
