package dev.drydock.provider;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.Driver;

/**
 * A non-pooling data source that opens each connection with PostgreSQL's driver on the URL as given
 * and the driver properties apart. Unlike {@code PGSimpleDataSource}, whose connections report a
 * URL spelling out every driver property (over 1,300 characters), its connections report the short
 * URL: Flyway matches and redacts the URL of every connection it is given with regular expressions,
 * which on the long one cost tens of milliseconds per Flyway call (hundreds in a new JVM).
 */
public final class PgDataSource implements DataSource {

  private final String url;
  private final Properties properties;
  private PrintWriter logWriter;

  private PgDataSource(String url, Properties properties) {
    this.url = Objects.requireNonNull(url, "url");
    this.properties = (Properties) properties.clone();
  }

  /** Connections to {@code url} with the driver {@code properties} (user, password, ...). */
  public static PgDataSource of(String url, Properties properties) {
    return new PgDataSource(url, properties);
  }

  /** The URL as given (without the properties). */
  public String url() {
    return url;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return open((Properties) properties.clone());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    Properties props = (Properties) properties.clone();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    return open(props);
  }

  private Connection open(Properties props) throws SQLException {
    // the driver itself, not DriverManager: no dependence on which class loader registered it
    Connection c = new Driver().connect(url, props);
    if (c == null) {
      throw new SQLException("Not a PostgreSQL JDBC URL: " + url, "08001");
    }
    return c;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    properties.setProperty("loginTimeout", Integer.toString(seconds));
  }

  @Override
  public int getLoginTimeout() {
    return Integer.parseInt(properties.getProperty("loginTimeout", "0"));
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("Not a wrapper for " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
