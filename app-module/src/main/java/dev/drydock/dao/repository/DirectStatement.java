package dev.drydock.dao.repository;

import dev.drydock.dao.error.DatabaseException;
import dev.drydock.dao.error.ErrorTranslator;
import dev.drydock.dao.error.StatementKind;
import dev.drydock.dao.error.TranslatingExecuteListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.exception.DataAccessException;

/**
 * The repositories' fast path for their hot statements: the SQL jOOQ renders for the query, kept as
 * text (rendered once per repository and shape), run with JDBC on a connection of the context's
 * {@link ConnectionProvider} (so inside a transaction, on its connection), and the rows read
 * straight into generated records ({@link RecordReader}). It saves what jOOQ does per call on top
 * of JDBC: building and rendering the query, its execute lifecycle, and generic result mapping.
 *
 * <p>Failures are what jOOQ would throw: the domain exception of {@link ErrorTranslator} when the
 * context translates errors, jOOQ's {@link DataAccessException} otherwise. A context with other
 * execute listeners (an application's metrics, say) does not take this path: they see every
 * statement through jOOQ. Neither does a context marked with {@link
 * DirectExecution#disable(Configuration)}.
 */
final class DirectStatement {

  /** Binds the parameters of the statement. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Reads the whole result. */
  @FunctionalInterface
  interface ResultReader<T> {
    T read(ResultSet rs, ReadContext context) throws SQLException;
  }

  private DirectStatement() {}

  /**
   * Whether the direct path keeps the context's behaviour (no execute listener, or only Drydock's
   * error translator) and the context allows it ({@link DirectExecution}).
   */
  static boolean applies(Configuration configuration) {
    ExecuteListenerProvider[] providers = configuration.executeListenerProviders();
    return (providers.length == 0
            || providers.length == 1
                && providers[0].provide() == TranslatingExecuteListener.INSTANCE)
        && !DirectExecution.disabled(configuration);
  }

  /**
   * Runs {@code sql} with the parameters {@code binder} sets; returns what {@code reader} reads.
   *
   * @param kind what the statement does (an UPDATE in a data-modifying CTE is an UPDATE)
   * @param table the table the statement reads or writes, for the error translation
   */
  static <T> T query(
      DSLContext dsl,
      String sql,
      StatementKind kind,
      String table,
      Binder binder,
      ResultReader<T> reader) {
    Configuration configuration = dsl.configuration();
    ConnectionProvider connections = configuration.connectionProvider();
    Connection connection = acquire(configuration, connections, kind, table);
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      Integer timeout = configuration.settings().getQueryTimeout();
      if (timeout != null && timeout > 0) {
        ps.setQueryTimeout(timeout);
      }
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return reader.read(rs, new ReadContext(configuration, connection));
      }
    } catch (SQLException e) {
      throw failure(configuration, sql, kind, table, e);
    } finally {
      connections.release(connection);
    }
  }

  /**
   * A connection from the context's provider; a failure to get one (a pool timeout, a refused
   * connection) is translated as the listener translates it on jOOQ's path.
   */
  private static Connection acquire(
      Configuration configuration,
      ConnectionProvider connections,
      StatementKind kind,
      String table) {
    try {
      return connections.acquire();
    } catch (DataAccessException e) {
      if (configuration.executeListenerProviders().length > 0
          && e.getCause() instanceof SQLException cause) {
        DatabaseException translated = ErrorTranslator.translate(cause, kind, table);
        if (translated != null) {
          throw translated;
        }
      }
      throw e;
    }
  }

  private static RuntimeException failure(
      Configuration configuration, String sql, StatementKind kind, String table, SQLException e) {
    if (configuration.executeListenerProviders().length > 0) {
      DatabaseException translated = ErrorTranslator.translate(e, kind, table);
      if (translated != null) {
        return translated;
      }
    }
    return new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
  }
}
