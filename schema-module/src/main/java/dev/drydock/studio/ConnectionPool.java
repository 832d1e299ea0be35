package dev.drydock.studio;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A few connections to the live database, opened on demand, each set up with one SELECT: the
 * statement timeout, and in read-only mode {@code default_transaction_read_only}. A borrower waits
 * at most {@code waitFor}, then gets a clear error. Broken connections are discarded.
 */
final class ConnectionPool implements AutoCloseable {

  private final String jdbcUrl;
  private final Properties properties;
  private final boolean readOnly;
  private final Duration statementTimeout;
  private final Duration waitFor;
  private final Semaphore permits;
  private final BlockingQueue<Connection> idle;
  private final List<Connection> all = new ArrayList<>();
  private volatile boolean closed;

  ConnectionPool(
      String jdbcUrl,
      Properties properties,
      int size,
      boolean readOnly,
      Duration statementTimeout,
      Duration waitFor) {
    this.jdbcUrl = jdbcUrl;
    this.properties = (Properties) properties.clone();
    this.properties.setProperty("ApplicationName", "drydock studio");
    this.properties.putIfAbsent("connectTimeout", "10");
    this.readOnly = readOnly;
    this.statementTimeout = statementTimeout;
    this.waitFor = waitFor;
    this.permits = new Semaphore(size);
    this.idle = new ArrayBlockingQueue<>(size);
  }

  /** Seconds for {@code Statement.setQueryTimeout}: the server's timeout plus a margin. */
  int clientTimeoutSeconds() {
    return (int) statementTimeout.toSeconds() + 2;
  }

  boolean readOnly() {
    return readOnly;
  }

  Connection borrow() {
    if (closed) {
      throw new StudioException(503, "unavailable", "The studio is shutting down");
    }
    try {
      if (!permits.tryAcquire(waitFor.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new StudioException(
            503,
            "unavailable",
            "No database connection free after waiting " + waitFor.toMillis() + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StudioException(503, "unavailable", "Interrupted waiting for a connection");
    }
    Connection c = idle.poll();
    if (c != null) {
      return c;
    }
    try {
      return open();
    } catch (SQLException e) {
      permits.release();
      throw DatabaseErrors.translate(e, DatabaseErrors.Operation.READ);
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  /** Gives {@code c} back; {@code broken} ones are closed instead. */
  void release(Connection c, boolean broken) {
    try {
      if (broken || closed || c.isClosed()) {
        closeQuietly(c);
      } else {
        idle.offer(c);
      }
    } catch (SQLException e) {
      closeQuietly(c);
    } finally {
      permits.release();
    }
  }

  private Connection open() throws SQLException {
    Connection c = DriverManager.getConnection(jdbcUrl, properties);
    synchronized (all) {
      all.add(c);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT set_config('statement_timeout', ?, false),"
                + " set_config('default_transaction_read_only', ?, false)")) {
      ps.setString(1, statementTimeout.toMillis() + "ms");
      ps.setString(2, readOnly ? "on" : "off");
      ps.setQueryTimeout(clientTimeoutSeconds());
      ps.execute();
    }
    c.setAutoCommit(false);
    c.setReadOnly(readOnly);
    return c;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing a broken connection
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (all) {
      for (Connection c : all) {
        closeQuietly(c);
      }
      all.clear();
    }
    idle.clear();
  }
}
