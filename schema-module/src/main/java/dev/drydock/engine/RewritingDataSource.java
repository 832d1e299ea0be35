package dev.drydock.engine;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections rewrite the text of every statement before the driver sees
 * it ({@link TargetDialect#rewrite(String)}): {@code Statement.execute*} and {@code addBatch} of a
 * string, {@code prepareStatement} and {@code prepareCall}. Everything else is the wrapped
 * connection's.
 */
final class RewritingDataSource implements DataSource {

  private static final Set<String> STATEMENT_TEXT =
      Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");
  private static final Set<String> CONNECTION_TEXT =
      Set.of("prepareStatement", "prepareCall", "nativeSQL");

  private final DataSource delegate;
  private final TargetDialect dialect;

  RewritingDataSource(DataSource delegate, TargetDialect dialect) {
    this.delegate = delegate;
    this.dialect = dialect;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connection(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return connection(delegate.getConnection(username, password));
  }

  private Connection connection(Connection target) {
    Connection[] self = new Connection[1];
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if (CONNECTION_TEXT.contains(name) && args != null && args[0] instanceof String sql) {
            args = args.clone();
            args[0] = dialect.rewrite(sql);
          }
          Object result = invoke(target, method, args);
          if (name.equals("createStatement") && result instanceof Statement st) {
            return statement(st, Statement.class, self[0]);
          }
          if (name.equals("prepareStatement") && result instanceof PreparedStatement ps) {
            return statement(ps, PreparedStatement.class, self[0]);
          }
          if (name.equals("prepareCall") && result instanceof CallableStatement cs) {
            return statement(cs, CallableStatement.class, self[0]);
          }
          return result;
        };
    self[0] =
        (Connection)
            Proxy.newProxyInstance(
                RewritingDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                handler);
    return self[0];
  }

  private <S extends Statement> S statement(S target, Class<S> type, Connection connection) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if (STATEMENT_TEXT.contains(name) && args != null && args[0] instanceof String sql) {
            args = args.clone();
            args[0] = dialect.rewrite(sql);
          }
          if (name.equals("getConnection") && (args == null || args.length == 0)) {
            return connection;
          }
          return invoke(target, method, args);
        };
    return type.cast(
        Proxy.newProxyInstance(
            RewritingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
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
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
