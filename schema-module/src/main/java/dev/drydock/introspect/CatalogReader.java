package dev.drydock.introspect;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the loaders share during one {@link Introspector#load}: the session, the schemas, the
 * objects found so far, and the timing of every catalog query.
 */
final class CatalogReader {

  /** Reads one row of a catalog query, by column name. */
  @FunctionalInterface
  interface RowHandler {
    void row(ResultSet rs) throws SQLException;
  }

  private final CatalogSession session;
  private final List<String> schemas;
  private final Array schemaArray;
  private final String historyTable;
  private final Introspector.QueryListener listener;
  private final List<CatalogObject> objects = new ArrayList<>();

  CatalogReader(
      CatalogSession session,
      List<String> schemas,
      String historyTable,
      Introspector.QueryListener listener)
      throws SQLException {
    this.session = session;
    this.schemas = List.copyOf(schemas);
    this.schemaArray = session.connection().createArrayOf("text", schemas.toArray());
    this.historyTable = historyTable;
    this.listener = listener;
  }

  /** The introspected schemas. */
  List<String> schemas() {
    return schemas;
  }

  IdentifierQuoting quoting() {
    return session.quoting();
  }

  /** Runs one set-based query, hands every row to {@code handler} and reports its time. */
  void query(CatalogSql query, RowHandler handler) throws SQLException {
    long started = System.nanoTime();
    int rows = 0;
    try (PreparedStatement ps = session.connection().prepareStatement(query.sql())) {
      int i = 1;
      for (CatalogSql.Parameter p : query.parameters()) {
        switch (p) {
          case SCHEMAS -> ps.setArray(i++, schemaArray);
          case HISTORY_TABLE -> ps.setString(i++, historyTable);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          handler.row(rs);
          rows++;
        }
      }
    }
    listener.queried(query.name(), rows, System.nanoTime() - started);
  }

  void add(
      ObjectId id,
      ObjectId parent,
      Map<Attribute, String> attributes,
      Map<Detail, String> details) {
    objects.add(new CatalogObject(id, parent, attributes, details));
  }

  List<CatalogObject> objects() {
    return objects;
  }
}
