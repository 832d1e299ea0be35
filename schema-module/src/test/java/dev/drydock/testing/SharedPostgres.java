package dev.drydock.testing;

import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One embedded PostgreSQL for the whole test run, kept in the root {@link ExtensionContext.Store}
 * and stopped when the run ends. Inject {@link TestServer} into tests or lifecycle methods.
 *
 * <p>Its {@code pg_hba.conf} trusts the superuser {@code postgres} on 127.0.0.1 and asks every
 * other role for a password, so wrong-password behaviour can be tested.
 */
public final class SharedPostgres implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(TestServer.class, k -> start(), TestServer.class);
  }

  private static TestServer start() {
    try {
      Path hba = Files.createTempFile("drydock-test-hba-", ".conf");
      Files.writeString(
          hba,
          "local all all trust\n"
              + "host all postgres 127.0.0.1/32 trust\n"
              + "host all all 127.0.0.1/32 scram-sha-256\n");
      hba.toFile().setReadable(true, false);
      hba.toFile().deleteOnExit();
      ThrowawayDatabase db =
          ThrowawayDatabase.start(
              ProviderSettings.configure()
                  .kind(ProviderKind.EMBEDDED)
                  .serverParameter("hba_file", hba.toString())
                  .build());
      return new TestServer(db);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shared server plus helpers to make databases on it. */
  public static final class TestServer
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final ThrowawayDatabase db;

    TestServer(ThrowawayDatabase db) {
      this.db = db;
    }

    public ThrowawayDatabase server() {
      return db;
    }

    /** JDBC URL of the server's maintenance database (for {@code --provider-url}). */
    public String serverUrl() {
      return db.jdbcUrl();
    }

    public String url(String database) {
      return db.jdbcUrl(database);
    }

    public String user() {
      return db.user();
    }

    /** Creates a uniquely named database, from {@code template} when not null. */
    public String createDatabase(String prefix, String template) {
      String name = prefix + "_" + COUNTER.incrementAndGet();
      execute(
          db.databaseName(),
          "CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
      return name;
    }

    public void dropDatabase(String name) {
      execute(db.databaseName(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public Connection connect(String database) throws SQLException {
      Properties p = new Properties();
      p.setProperty("user", db.user());
      p.setProperty("password", db.password());
      return DriverManager.getConnection(db.jdbcUrl(database), p);
    }

    public void execute(String database, String sql) {
      try (Connection c = connect(database);
          Statement st = c.createStatement()) {
        st.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("SQL failed on " + database + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      db.close();
    }
  }
}
