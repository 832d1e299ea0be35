package dev.drydock.introspect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * A connection prepared for reading the catalog: its {@code search_path} is {@code pg_catalog}, so
 * {@code format_type}, {@code pg_get_expr}, {@code pg_get_viewdef} and friends schema-qualify every
 * name the same way on both sides, whatever search path the database's roles have. Closing it puts
 * the previous search path back.
 */
final class CatalogSession implements AutoCloseable {

  private final Connection connection;
  private final String previousPath;
  private final IdentifierQuoting quoting;

  private CatalogSession(Connection connection, String previousPath, IdentifierQuoting quoting) {
    this.connection = connection;
    this.previousPath = previousPath;
    this.quoting = quoting;
  }

  /** Saves the search path, learns how the server quotes names, then sets the search path. */
  static CatalogSession open(Connection connection) throws SQLException {
    String previousPath;
    IdentifierQuoting quoting;
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT current_setting('search_path') AS search_path,"
                    + " current_setting('quote_all_identifiers')::boolean AS quote_all,"
                    + " ARRAY(SELECT word FROM pg_catalog.pg_get_keywords() WHERE catcode <> 'U')"
                    + " AS keywords")) {
      rs.next();
      previousPath = rs.getString("search_path");
      quoting =
          new IdentifierQuoting(
              Set.of((String[]) rs.getArray("keywords").getArray()), rs.getBoolean("quote_all"));
    }
    try (Statement st = connection.createStatement()) {
      st.execute("SET search_path = pg_catalog");
    }
    return new CatalogSession(connection, previousPath, quoting);
  }

  Connection connection() {
    return connection;
  }

  /** {@code quote_ident} as this server does it. */
  IdentifierQuoting quoting() {
    return quoting;
  }

  @Override
  public void close() throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
      ps.setString(1, previousPath);
      ps.execute();
    }
  }
}
