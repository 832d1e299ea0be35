package dev.drydock.provider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * An empty PostgreSQL database that exists only until {@link #close()}: the server (embedded,
 * container) is stopped and its files deleted, or the temporary database on an external server is
 * dropped. Always use it in try-with-resources:
 *
 * <pre>{@code
 * try (ThrowawayDatabase db = ThrowawayDatabase.start(ProviderSettings.defaults())) {
 *   Flyway.configure().dataSource(db.dataSource())...
 * }
 * }</pre>
 */
public interface ThrowawayDatabase extends AutoCloseable {

  /** Starts a throwaway database with the provider that {@code settings} selects. */
  static ThrowawayDatabase start(ProviderSettings settings) {
    return Providers.start(settings);
  }

  /** Which provider made this database. */
  ProviderKind kind();

  /** One line for humans, e.g. {@code embedded PostgreSQL 17.6 on 127.0.0.1:41234}. */
  String description();

  /** JDBC URL of the throwaway database (no credentials in it). */
  String jdbcUrl();

  /** JDBC URL of another database on the same server (e.g. one created from a template). */
  String jdbcUrl(String database);

  /** Name of the throwaway database. */
  String databaseName();

  /** A superuser (or owner) of the throwaway database. */
  String user();

  /** Password of {@link #user()}; empty for trust authentication. */
  String password();

  /** A non-pooling data source for the throwaway database. */
  default DataSource dataSource() {
    Properties props = new Properties();
    props.setProperty("user", user());
    props.setProperty("password", password());
    return PgDataSource.of(jdbcUrl(), props);
  }

  /** Opens a new connection to the throwaway database. */
  default Connection connect() throws SQLException {
    return connect(databaseName());
  }

  /** Opens a new connection to another database on the same server. */
  default Connection connect(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user());
    props.setProperty("password", password());
    return DriverManager.getConnection(jdbcUrl(database), props);
  }

  /**
   * The server as something a fault-injection test can crash and restart; present for the embedded
   * provider only (the others do not own their server's processes).
   */
  default Optional<CrashableServer> crashable() {
    return Optional.empty();
  }

  /**
   * The server's cluster as something a snapshot cache can save; present for the embedded provider
   * (unless it runs as nobody), which owns its data directory.
   */
  default Optional<SavableCluster> savable() {
    return Optional.empty();
  }

  /** Stops and deletes everything this database needed. Never throws; safe to call twice. */
  @Override
  void close();
}
