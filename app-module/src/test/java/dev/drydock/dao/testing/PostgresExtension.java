package dev.drydock.dao.testing;

import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Real PostgreSQL for tests: ONE embedded server per test run (kept in the root store and stopped
 * when the run ends), a template database migrated once with Flyway from {@code
 * classpath:db/migration}, and a fresh {@code CREATE DATABASE ... TEMPLATE} per test class, handed
 * to tests as a {@link TestDatabase} parameter (constructor, {@code @BeforeAll}, test methods).
 */
public final class PostgresExtension implements ParameterResolver {

  private static final String TEMPLATE = "drydock_template";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext
        .getStore(ExtensionContext.Namespace.create(PostgresExtension.class))
        .getOrComputeIfAbsent(
            "database", key -> createDatabase(server(context), classContext), TestDatabase.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  private static Server server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(PostgresExtension.class.getName(), key -> new Server(), Server.class);
  }

  private static synchronized TestDatabase createDatabase(Server server, ExtensionContext context) {
    String name =
        ("t" + DATABASES.incrementAndGet() + "_" + context.getRequiredTestClass().getSimpleName())
            .toLowerCase(Locale.ROOT);
    server.execute("create database " + name + " template " + TEMPLATE);
    return new TestDatabase(server.db, name);
  }

  /** The embedded server and its migrated template database. */
  static final class Server implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final ThrowawayDatabase db;

    Server() {
      db =
          ThrowawayDatabase.start(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build());
      try {
        execute("create database " + TEMPLATE);
        Flyway.configure()
            .dataSource(db.jdbcUrl(TEMPLATE), db.user(), db.password())
            .locations("classpath:db/migration")
            .load()
            .migrate();
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
    }

    void execute(String sql) {
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute(sql);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(sql, e);
      }
    }

    @Override
    public void close() {
      db.close();
    }
  }
}
