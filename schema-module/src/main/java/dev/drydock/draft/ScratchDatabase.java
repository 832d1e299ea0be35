package dev.drydock.draft;

import dev.drydock.provider.ThrowawayDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One more database on the throwaway server the migrations were applied to: empty (the desired
 * state is loaded there) or a copy of the migrated one (the draft is proven there), so a draft
 * starts one server, not three. Dropped on {@link #close()}, before the server's state may be kept
 * as a snapshot.
 */
final class ScratchDatabase implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String IN_USE = "55006";

  private final ThrowawayDatabase server;
  private final String name;
  private final boolean owned;

  private ScratchDatabase(ThrowawayDatabase server, String name, boolean owned) {
    this.server = server;
    this.name = name;
    this.owned = owned;
  }

  /**
   * The server's own database, used in place (a proof on a migrated database that is thrown away
   * unsaved needs no copy); {@link #close()} leaves it to the server.
   */
  static ScratchDatabase inPlace(ThrowawayDatabase server) {
    return new ScratchDatabase(server, server.databaseName(), false);
  }

  /**
   * Creates the database.
   *
   * @param template the database to copy, or null for an empty one
   */
  static ScratchDatabase create(ThrowawayDatabase server, String purpose, String template)
      throws SQLException {
    String name = "drydock_" + purpose + "_" + Long.toHexString(RANDOM.nextLong() & 0xffffffffL);
    String sql =
        "CREATE DATABASE "
            + quote(name)
            + (template == null ? " TEMPLATE template0" : " TEMPLATE " + quote(template));
    try (Connection c = server.connect();
        Statement st = c.createStatement()) {
      // PostgreSQL 15+ copies through the WAL by default, slow for a migrated database of
      // hundreds of tables; a file copy after a checkpoint is what a throwaway server wants
      boolean fileCopy = c.getMetaData().getDatabaseMajorVersion() >= 15;
      for (int attempt = 1; ; attempt++) {
        try {
          st.execute(sql + (fileCopy ? " STRATEGY FILE_COPY" : ""));
          break;
        } catch (SQLException e) {
          // a copy needs the template to itself; an autovacuum worker may be in it for a moment
          if (!IN_USE.equals(e.getSQLState()) || attempt == 20) {
            throw e;
          }
          sleep();
        }
      }
    }
    return new ScratchDatabase(server, name, true);
  }

  Connection connect() throws SQLException {
    return server.connect(name);
  }

  DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(server.jdbcUrl(name));
    ds.setUser(server.user());
    ds.setPassword(server.password());
    return ds;
  }

  @Override
  public void close() {
    if (!owned) {
      return;
    }
    try (Connection c = server.connect();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
    } catch (SQLException e) {
      // the server is stopped and deleted next; only an external server keeps it
    }
  }

  private static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static void sleep() throws SQLException {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the template database", e);
    }
  }
}
