package dev.drydock.cli;

import dev.drydock.provider.PgDataSource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/** Opens connections to the live database and turns failures into one clear line. */
final class LiveDatabase {
  /** {@code application_name} of every connection Drydock opens to the live database. */
  static final String APPLICATION_NAME = "drydock";

  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  private LiveDatabase() {}

  /**
   * A data source for Flyway on the live database, with the same settings as {@link #connect}: its
   * backends show {@code application_name = drydock}.
   */
  static DataSource dataSource(ConnectionOptions.Resolved c) {
    return PgDataSource.of(c.jdbcUrl(), properties(c));
  }

  /** The driver properties of every connection to the live database: login, bounded connect. */
  static Properties properties(ConnectionOptions.Resolved c) {
    Properties props = new Properties();
    if (c.user() != null) {
      props.setProperty("user", c.user());
    }
    if (c.password() != null) {
      props.setProperty("password", c.password());
    }
    props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("ApplicationName", APPLICATION_NAME);
    return props;
  }

  static Connection connect(ConnectionOptions.Resolved c, Secrets secrets) {
    try {
      return DriverManager.getConnection(c.jdbcUrl(), properties(c));
    } catch (SQLException e) {
      throw new CliException(ExitCodes.USAGE_OR_CONNECTION, describe(e, c, secrets), e);
    }
  }

  static String describe(SQLException e, ConnectionOptions.Resolved c, Secrets secrets) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = c.displayUrl();
    String why = firstLine(secrets.redact(e.getMessage()));
    if (state.equals("28P01") || state.equals("28000")) {
      return "Cannot connect to "
          + where
          + " as "
          + c.user()
          + ": authentication failed ("
          + why
          + ")";
    }
    if (state.equals("3D000")) {
      return "Cannot connect to " + where + ": " + why;
    }
    Throwable cause = e.getCause();
    if (cause instanceof UnknownHostException) {
      return "Cannot connect to " + where + ": unknown host " + cause.getMessage();
    }
    if (cause instanceof ConnectException
        || cause instanceof SocketTimeoutException
        || (state.startsWith("08") && cause instanceof IOException)) {
      return "Cannot connect to " + where + ": " + why + " (is the server running and reachable?)";
    }
    return "Cannot connect to " + where + ": " + why;
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
