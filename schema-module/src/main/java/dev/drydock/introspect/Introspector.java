package dev.drydock.introspect;

import dev.drydock.migrate.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Loads a {@link Catalog} from {@code pg_catalog} with one set-based query per object kind, so
 * loading cost grows with the number of kinds, not the number of tables.
 *
 * <p>The catalog is read in a {@link CatalogSession} ({@code search_path} = {@code pg_catalog},
 * restored afterwards) by one loader per object family; the queries are the resources {@code
 * dev/drydock/introspect/sql/*.sql}. Objects that belong to an extension ({@code pg_depend.deptype
 * = 'e'}) and the Flyway history table are left out.
 *
 * <pre>{@code
 * Catalog catalog = Introspector.configure().historyTable("schema_history").build()
 *     .load(connection, List.of("public"));
 * }</pre>
 */
public final class Introspector {

  /** Told how long each per-kind catalog query took, e.g. to find out which one dominates. */
  @FunctionalInterface
  public interface QueryListener {
    /**
     * @param kind the object kind the query loads, e.g. {@code columns}
     * @param rows how many rows it returned
     * @param nanos its wall time, reading the rows included
     */
    void queried(String kind, int rows, long nanos);
  }

  /** In dependency order of the kinds they load. */
  private static final List<CatalogLoader> LOADERS =
      List.of(
          new SchemaLoader(),
          new TypeLoader(),
          new RoutineLoader(),
          new RelationLoader(),
          new ConstraintLoader(),
          new IndexLoader(),
          new TriggerPolicyLoader());

  private final String historyTable;
  private final QueryListener listener;

  /** The default introspector: Flyway's default history table, no listener. */
  public Introspector() {
    this(configure());
  }

  private Introspector(Builder b) {
    this.historyTable = b.historyTable;
    this.listener = b.listener;
  }

  public static Builder configure() {
    return new Builder();
  }

  /**
   * Reads the given schemas (all non-system schemas when {@code schemas} is empty). Leaves the
   * connection's search path as it found it.
   */
  public Catalog load(Connection connection, Collection<String> schemas) {
    try (CatalogSession session = CatalogSession.open(connection)) {
      List<String> schemaList =
          schemas.isEmpty() ? userSchemas(connection) : existing(connection, schemas);
      CatalogReader reader = new CatalogReader(session, schemaList, historyTable, listener);
      for (CatalogLoader loader : LOADERS) {
        loader.load(reader);
      }
      return new Catalog(schemaList, reader.objects(), session.quoting());
    } catch (SQLException e) {
      throw new IntrospectionException("Cannot read the catalog: " + e.getMessage(), e);
    }
  }

  /** Which of {@code schemas} exist in the database. */
  public static List<String> existing(Connection connection, Collection<String> schemas)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = ANY(?) ORDER BY 1")) {
      ps.setArray(1, connection.createArrayOf("text", schemas.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** Every schema but the system ones and those an extension created. */
  private static List<String> userSchemas(Connection connection) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT n.nspname FROM pg_namespace n WHERE n.nspname !~ '^pg_'"
                    + " AND n.nspname <> 'information_schema'"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid ="
                    + " 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')"
                    + " ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Fluent builder; every setter returns {@code this}. */
  public static final class Builder {
    private String historyTable = Migrations.DEFAULT_HISTORY_TABLE;
    private QueryListener listener = (kind, rows, nanos) -> {};

    private Builder() {}

    /**
     * The Flyway history table, which is never compared (default {@code flyway_schema_history}).
     */
    public Builder historyTable(String name) {
      this.historyTable = Objects.requireNonNull(name, "historyTable");
      return this;
    }

    /** Told about every catalog query. */
    public Builder listener(QueryListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public Introspector build() {
      return new Introspector(this);
    }
  }
}
