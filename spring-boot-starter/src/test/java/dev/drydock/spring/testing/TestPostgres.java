package dev.drydock.spring.testing;

import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL for the starter's tests: ONE embedded server per test JVM (started at first use,
 * stopped at exit), and an empty database of its own for each application under test, named by a
 * JDBC URL that carries the credentials, so that {@code spring.datasource.url} is all an
 * application needs. Boot's Flyway migrates it from {@code classpath:db/migration} at start-up.
 */
public final class TestPostgres {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static ThrowawayDatabase server;

  private TestPostgres() {}

  private static synchronized ThrowawayDatabase server() {
    if (server == null) {
      ThrowawayDatabase started =
          ThrowawayDatabase.start(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build());
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-postgres-stop"));
      server = started;
    }
    return server;
  }

  /** Creates an empty database; returns its name. */
  public static String createDatabase(String purpose) {
    String name = ("s" + DATABASES.incrementAndGet() + "_" + purpose).toLowerCase(Locale.ROOT);
    try (Connection c = server().connect();
        Statement st = c.createStatement()) {
      st.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("create database " + name, e);
    }
    return name;
  }

  /** A JDBC URL of database {@code name}, with the user and password in it. */
  public static String url(String name) {
    ThrowawayDatabase s = server();
    String url = s.jdbcUrl(name) + (s.jdbcUrl(name).contains("?") ? "&" : "?") + "user=" + s.user();
    if (!s.password().isEmpty()) {
      url += "&password=" + URLEncoder.encode(s.password(), StandardCharsets.UTF_8);
    }
    return url;
  }

  /** A new empty database's URL. */
  public static String newDatabaseUrl(String purpose) {
    return url(createDatabase(purpose));
  }

  /** A connection to database {@code name}, outside any application (autocommit). */
  public static Connection connect(String name) throws SQLException {
    return server().connect(name);
  }
}
