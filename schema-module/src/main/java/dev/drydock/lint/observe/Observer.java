package dev.drydock.lint.observe;

import dev.drydock.migrate.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Applies migrations with Flyway, as the project configures it, on a throwaway database that
 * already holds the unchanged prefix, and observes every statement of the new migrations on its own
 * connection and transaction: Flyway runs on a {@link DataSource} whose statements run the {@link
 * Probes} right before and right after each migration statement. A statement run outside a
 * transaction ({@code executeInTransaction=false}) is run inside one of its own so that its locks
 * can be seen, unless PostgreSQL refuses ({@code CONCURRENTLY}, {@code VACUUM}): then it runs as
 * Flyway ran it. Build with {@link #configure()}.
 */
public final class Observer {

  private final Migrations migrations;
  private final Set<Path> newFiles;

  private Observer(Builder b) {
    this.migrations = Objects.requireNonNull(b.migrations, "migrations").onThrowawayUnbounded();
    this.newFiles = Set.copyOf(b.newFiles);
  }

  public static Builder configure() {
    return new Builder();
  }

  /**
   * Applies the pending migrations on {@code throwaway} and returns what the new ones did.
   *
   * @throws dev.drydock.migrate.MigrationException when a migration fails (file and line)
   * @throws SQLException when the database cannot be read before the run
   */
  public Observation observe(DataSource throwaway) throws SQLException {
    CatalogState existing;
    int version;
    boolean notValidNotNull;
    try (Connection c = throwaway.getConnection()) {
      existing = CatalogState.read(c, migrations.table());
      version = Probes.serverVersion(c);
      notValidNotNull = Probes.accepts(c, Probes.NOT_VALID_NOT_NULL);
    }
    Run run = new Run();
    DataSource observed =
        (DataSource)
            Proxy.newProxyInstance(
                Observer.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  Object result = invoke(method, throwaway, args);
                  return result instanceof Connection c ? run.wrap(c) : result;
                });
    // the throwaway holds a prefix of these very files (applied from them, or their snapshot keyed
    // by their contents): nothing to validate
    migrations.migrateTrusted(observed, run::starting);
    List<ObservedMigration> done = new ArrayList<>();
    run.statements.forEach(
        (script, statements) ->
            done.add(
                new ObservedMigration(
                    script,
                    migrations.locate(script),
                    statements.stream().allMatch(ObservedStatement::inTransaction),
                    statements)));
    return new Observation(existing, version, done, notValidNotNull);
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** One apply: the migration Flyway is running, and what was seen so far. */
  private final class Run {
    private final Map<String, List<ObservedStatement>> statements = new LinkedHashMap<>();
    private String script;
    private ScriptLocator locator;

    void starting(String script) {
      this.script = newFiles.contains(normalized(migrations.locate(script))) ? script : null;
      this.locator = null;
      if (this.script != null) {
        statements.put(script, new ArrayList<>());
        try {
          String prefix = orDefault(migrations.settings().get("placeholderPrefix"), "${");
          String suffix = orDefault(migrations.settings().get("placeholderSuffix"), "}");
          locator =
              new ScriptLocator(
                  Files.readString(migrations.locate(script)),
                  migrations.placeholders(),
                  prefix,
                  suffix);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    Connection wrap(Connection real) {
      return (Connection)
          Proxy.newProxyInstance(
              Observer.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                Object result = invoke(method, real, args);
                if (result instanceof Statement st && method.getName().equals("createStatement")) {
                  return wrap(real, st);
                }
                return result;
              });
    }

    private Statement wrap(Connection connection, Statement real) {
      InvocationHandler handler =
          (proxy, method, args) -> {
            if (args != null
                && args.length >= 1
                && args[0] instanceof String sql
                && method.getName().startsWith("execute")
                && !method.getName().equals("executeBatch")) {
              return execute(connection, sql, () -> invoke(method, real, args));
            }
            return invoke(method, real, args);
          };
      return (Statement)
          Proxy.newProxyInstance(
              Observer.class.getClassLoader(), new Class<?>[] {Statement.class}, handler);
    }

    private Object execute(Connection c, String sql, Action action) throws Throwable {
      ScriptLocator.Location location = locator == null ? null : locator.next(sql);
      if (location == null) {
        return action.run();
      }
      boolean inTransaction = !c.getAutoCommit();
      if (!inTransaction) {
        Probes.run(c, "BEGIN");
      }
      Probes.Point before = Probes.point(c, migrations.table());
      long[] timeouts = before.timeouts();
      Map<Long, LockMode> locksBefore = before.locks();
      Map<Long, Long> scansBefore = before.scans();
      Object result;
      boolean locksObserved = true;
      try {
        result = action.run();
      } catch (SQLException e) {
        if (inTransaction) {
          throw e;
        }
        Probes.run(c, "ROLLBACK");
        if (!"25001".equals(e.getSQLState())) {
          throw e;
        }
        // cannot run inside a transaction block: run it as Flyway does, locks unseen
        result = action.run();
        locksObserved = false;
      }
      Probes.Point after = Probes.point(c, migrations.table());
      Map<Long, LockMode> locksAfter = locksObserved ? after.locks() : Map.of();
      Map<Long, Long> scans = new HashMap<>();
      if (locksObserved) {
        after
            .scans()
            .forEach(
                (table, count) -> {
                  long delta = count - scansBefore.getOrDefault(table, 0L);
                  if (delta > 0) {
                    scans.put(table, delta);
                  }
                });
      }
      if (!inTransaction && locksObserved) {
        Probes.run(c, "COMMIT");
      }
      List<ObservedStatement> list = statements.get(script);
      list.add(
          new ObservedStatement(
              list.size(),
              migrations.locate(script),
              location.line(),
              location.endLine(),
              sql,
              inTransaction,
              locksObserved,
              timeouts[0],
              timeouts[1],
              Map.copyOf(locksBefore),
              Map.copyOf(locksAfter),
              Map.copyOf(scans),
              before.catalog(),
              after.catalog()));
      return result;
    }
  }

  static Path normalized(Path file) {
    return file.toAbsolutePath().normalize();
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  @FunctionalInterface
  private interface Action {
    Object run() throws Throwable;
  }

  /** Fluent builder; {@link #build()} ends it. */
  public static final class Builder {
    private Migrations migrations;
    private Set<Path> newFiles = Set.of();

    private Builder() {}

    /** All the project's migrations, as configured (Flyway settings, placeholders, ...). */
    public Builder migrations(Migrations migrations) {
      this.migrations = Objects.requireNonNull(migrations, "migrations");
      return this;
    }

    /** The migration files to observe (the new ones). */
    public Builder newFiles(Set<Path> files) {
      this.newFiles =
          files.stream().map(Observer::normalized).collect(java.util.stream.Collectors.toSet());
      return this;
    }

    public Observer build() {
      return new Observer(this);
    }
  }
}
