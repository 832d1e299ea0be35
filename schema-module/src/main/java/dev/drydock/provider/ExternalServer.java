package dev.drydock.provider;

import dev.drydock.lifecycle.OwnerProcess;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server someone else runs: a uniquely named database {@code drydock_tmp_<random>} is
 * created on it and dropped (with its connections) on {@link #close()} or JVM shutdown.
 *
 * <p>A run killed outright (SIGKILL) drops nothing, so each database's comment names its owner
 * ({@link OwnerProcess}: pid, start instant, host), and every start first drops the {@code
 * drydock_tmp_*} databases whose owner is provably dead on this host, saying so in one line on
 * stderr. Databases of other hosts, of live runs, or without such a comment are left alone.
 */
final class ExternalServer implements ThrowawayDatabase {

  private static final Pattern URL =
      Pattern.compile("^(jdbc:postgresql://[^/?]*)(/([^?]*))?(\\?.*)?$");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern TEMPORARY = Pattern.compile("drydock_tmp_[0-9a-z]+");

  private final String serverUrl;
  private final String query;
  private final String maintenanceDatabase;
  private final String database;
  private final String user;
  private final String password;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ExternalServer(
      String serverUrl,
      String query,
      String maintenanceDatabase,
      String database,
      String user,
      String password) {
    this.serverUrl = serverUrl;
    this.query = query;
    this.maintenanceDatabase = maintenanceDatabase;
    this.database = database;
    this.user = user;
    this.password = password;
    this.shutdownHook = new Thread(this::close, "drydock-external-db-drop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  static ExternalServer start(ProviderSettings settings) {
    String url =
        settings
            .serverUrl()
            .orElseThrow(() -> new ProviderException("The external provider needs a server URL"));
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw new ProviderException(
          "Not a PostgreSQL JDBC URL: "
              + Redaction.url(url)
              + " (expected jdbc:postgresql://host:port/database)");
    }
    String server = m.group(1);
    String maintenance = m.group(3) == null || m.group(3).isEmpty() ? "postgres" : m.group(3);
    String query = m.group(4) == null ? "" : m.group(4);
    String user = settings.user().orElse(System.getProperty("user.name"));
    String password = settings.password().orElse("");
    String database = "drydock_tmp_" + Long.toUnsignedString(RANDOM.nextLong(), 36);
    try (Connection c = connect(server + "/" + maintenance + query, user, password);
        Statement st = c.createStatement()) {
      List<String> dropped = dropDeadOwners(st);
      if (!dropped.isEmpty()) {
        System.err.println(
            "drydock: dropped "
                + dropped.size()
                + " temporary database(s) left on "
                + Redaction.url(server)
                + " by killed runs: "
                + String.join(", ", dropped));
      }
      st.execute("CREATE DATABASE " + database);
      st.execute(
          "COMMENT ON DATABASE "
              + database
              + " IS '"
              + OwnerProcess.current().format().replace("'", "''")
              + "'");
    } catch (SQLException e) {
      throw new ProviderException(
          "Cannot create a temporary database on "
              + Redaction.url(server + "/" + maintenance)
              + ": "
              + Redaction.message(e.getMessage(), password),
          e);
    }
    return new ExternalServer(server, query, maintenance, database, user, password);
  }

  /**
   * Drops the {@code drydock_tmp_*} databases whose comment names an owner provably dead on this
   * host; returns their names. One that cannot be dropped (another role's, in use) is left.
   */
  static List<String> dropDeadOwners(Statement st) throws SQLException {
    List<String> dead = new ArrayList<>();
    try (ResultSet rs =
        st.executeQuery(
            "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database"
                + " WHERE datname LIKE 'drydock\\_tmp\\_%' ORDER BY datname")) {
      while (rs.next()) {
        String name = rs.getString(1);
        if (TEMPORARY.matcher(name).matches()
            && OwnerProcess.parse(rs.getString(2))
                .map(OwnerProcess::isDeadOnThisHost)
                .orElse(false)) {
          dead.add(name);
        }
      }
    }
    List<String> dropped = new ArrayList<>();
    for (String name : dead) {
      try {
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        dropped.add(name);
      } catch (SQLException notOurs) {
        // another role's, or busy: left as it is
      }
    }
    return dropped;
  }

  private static Connection connect(String url, String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(url, props);
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.EXTERNAL;
  }

  @Override
  public String description() {
    return "temporary database " + database + " on " + Redaction.url(serverUrl);
  }

  @Override
  public String jdbcUrl() {
    return jdbcUrl(database);
  }

  @Override
  public String jdbcUrl(String name) {
    return serverUrl + "/" + name + query;
  }

  @Override
  public String databaseName() {
    return database;
  }

  @Override
  public String user() {
    return user;
  }

  @Override
  public String password() {
    return password;
  }

  @Override
  public synchronized void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // the hook stays registered until the drop is done: a SIGTERM arriving meanwhile runs it, and
    // it waits on this lock, so the JVM cannot halt before the DROP has been answered
    try (Connection c = connect(jdbcUrl(maintenanceDatabase), user, password);
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println(
          "[drydock] could not drop temporary database " + database + ": " + e.getMessage());
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // called from the hook itself, or the JVM is exiting and the hook finds the work done
    }
  }
}
