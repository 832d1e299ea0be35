package dev.drydock.studio;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement being built: SQL text made only of fixed keywords and catalog identifiers, and the
 * request's values as bind parameters (never in the text).
 */
final class SqlText {
  private final StringBuilder sql = new StringBuilder(128);
  private final List<String> parameters = new ArrayList<>();

  SqlText sql(String text) {
    sql.append(text);
    return this;
  }

  /** A quoted identifier from the catalog. */
  SqlText id(String identifier) {
    sql.append(Names.quote(identifier));
    return this;
  }

  /** {@code CAST(? AS type)}: the value bound as text, the type from the catalog. */
  SqlText value(String value, String type) {
    sql.append("CAST(? AS ").append(type).append(')');
    parameters.add(value);
    return this;
  }

  /** A bare {@code ?} bound as text. */
  SqlText text(String value) {
    sql.append('?');
    parameters.add(value);
    return this;
  }

  String text() {
    return sql.toString();
  }

  List<String> parameters() {
    return List.copyOf(parameters);
  }

  PreparedStatement prepare(Connection connection, int timeoutSeconds) throws SQLException {
    PreparedStatement ps = connection.prepareStatement(sql.toString());
    ps.setQueryTimeout(timeoutSeconds);
    for (int i = 0; i < parameters.size(); i++) {
      ps.setString(i + 1, parameters.get(i));
    }
    return ps;
  }
}
