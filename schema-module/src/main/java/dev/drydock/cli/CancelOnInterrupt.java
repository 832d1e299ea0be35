package dev.drydock.cli;

import dev.drydock.migrate.Migrations;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Ctrl-C (or SIGTERM) during {@code migrate}: a shutdown hook cancels the statement running on the
 * live database (pgjdbc's cancel request, bounded), says "interrupted", and names the migration
 * that may be half-applied when it runs outside a transaction. Without it the server keeps running
 * the statement, holding its locks, after the CLI is gone.
 */
final class CancelOnInterrupt implements AutoCloseable {

  /** How long the hook waits for the server to take the cancel requests. */
  static final long CANCEL_BOUND_MILLIS = 5_000;

  private final TrackingDataSource dataSource;
  private final Migrations migrations;
  private final PrintWriter err;
  private final Thread hook = new Thread(this::interrupted, "drydock-migrate-cancel");
  private volatile String running;

  CancelOnInterrupt(DataSource live, Migrations migrations, PrintWriter err) {
    this.dataSource = new TrackingDataSource(live);
    this.migrations = migrations;
    this.err = err;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The data source to migrate through: its connections are the ones cancelled. */
  DataSource dataSource() {
    return dataSource;
  }

  /** The migration now running. */
  void running(String script) {
    this.running = script;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs or has run
    }
  }

  private void interrupted() {
    Thread cancel =
        new Thread(
            () -> {
              for (Connection c : dataSource.opened) {
                try {
                  if (!c.isClosed()) {
                    c.unwrap(PGConnection.class).cancelQuery();
                  }
                } catch (SQLException | RuntimeException e) {
                  // the connection is gone: nothing runs on it
                }
              }
            },
            "drydock-cancel-request");
    cancel.setDaemon(true);
    cancel.start();
    try {
      cancel.join(CANCEL_BOUND_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String script = running;
    err.println(
        "drydock: interrupted"
            + (script == null ? "" : " while applying " + migrations.locate(script))
            + (cancel.isAlive()
                ? "; the server did not answer the cancel request within "
                    + CANCEL_BOUND_MILLIS / 1000
                    + " s"
                : "; the running statement was cancelled on the server"));
    if (script != null && migrations.runsOutsideTransaction(script)) {
      err.println(
          "drydock: "
              + migrations.locate(script)
              + " runs outside a transaction and may be half-applied (not recorded in the"
              + " history): check what it created (an index built CONCURRENTLY may be left"
              + " INVALID: pg_index.indisvalid), drop it or finish it by hand, then migrate again");
    }
    err.flush();
  }

  /** Hands out the live database's connections and remembers them for the cancel request. */
  private static final class TrackingDataSource implements DataSource {
    private final DataSource delegate;
    private final List<Connection> opened = new CopyOnWriteArrayList<>();

    TrackingDataSource(DataSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return track(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return track(delegate.getConnection(user, password));
    }

    private Connection track(Connection c) {
      opened.removeIf(
          old -> {
            try {
              return old.isClosed();
            } catch (SQLException e) {
              return true;
            }
          });
      opened.add(c);
      return c;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return delegate.isWrapperFor(type);
    }
  }
}
