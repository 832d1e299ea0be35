package dev.drydock.introspect;

import dev.drydock.migrate.Migrations;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a {@link Catalog} from {@code pg_catalog} with one set-based query per object kind, so
 * loading cost grows with the number of kinds, not the number of tables.
 *
 * <p>The session's {@code search_path} is set to {@code pg_catalog} while reading, so {@code
 * format_type}, {@code pg_get_expr}, {@code pg_get_viewdef} and friends schema-qualify every name
 * the same way on both sides, whatever search path the live database's roles have. Objects that
 * belong to an extension ({@code pg_depend.deptype = 'e'}) and the Flyway history table are left
 * out.
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

  private static final QueryListener SILENT = (kind, rows, nanos) -> {};

  private final String historyTable;
  private final QueryListener listener;

  public Introspector() {
    this(Migrations.DEFAULT_HISTORY_TABLE);
  }

  public Introspector(String historyTable) {
    this(historyTable, SILENT);
  }

  private Introspector(String historyTable, QueryListener listener) {
    this.historyTable = historyTable;
    this.listener = listener;
  }

  /** The same introspector, telling {@code listener} about every catalog query. */
  public Introspector withListener(QueryListener listener) {
    return new Introspector(historyTable, listener);
  }

  /**
   * Reads the given schemas (all non-system schemas when {@code schemas} is empty). Leaves the
   * connection's search path as it found it.
   */
  public Catalog load(Connection connection, Collection<String> schemas) {
    try {
      String previousPath;
      IdentifierQuoting quoting;
      try (Statement st = connection.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT current_setting('search_path'),"
                      + " current_setting('quote_all_identifiers')::boolean,"
                      + " ARRAY(SELECT word FROM pg_catalog.pg_get_keywords() WHERE catcode <> 'U')")) {
        rs.next();
        previousPath = rs.getString(1);
        quoting =
            new IdentifierQuoting(Set.of((String[]) rs.getArray(3).getArray()), rs.getBoolean(2));
      }
      execute(connection, "SET search_path = pg_catalog");
      try {
        List<String> schemaList =
            schemas.isEmpty() ? userSchemas(connection) : existing(connection, schemas);
        List<CatalogObject> objects = new ArrayList<>();
        Loader loader = new Loader(connection, schemaList, objects, quoting);
        loader.schemas();
        loader.extensions();
        loader.types();
        loader.functions();
        loader.sequences();
        loader.relations();
        loader.columns();
        loader.constraints();
        loader.indexes();
        loader.triggers();
        loader.policies();
        return new Catalog(schemaList, objects);
      } finally {
        try (PreparedStatement ps =
            connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
          ps.setString(1, previousPath);
          ps.execute();
        }
      }
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

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Collapses runs of whitespace to one space and trims, so layout never creates drift. */
  public static String normaliseWhitespace(String s) {
    return s == null ? null : s.strip().replaceAll("\\s+", " ");
  }

  /**
   * Leaves out relations that belong to an extension: a hashed subplan, not a per-row probe, found
   * through {@code pg_depend}'s reference index (every {@code deptype = 'e'} row references an
   * extension) instead of a scan of the whole of {@code pg_depend}, which grows with the schema
   * (30,000 rows at 1,000 tables: 2-3 ms per query).
   */
  private static final String NOT_EXTENSION_CLASS =
      " AND c.oid NOT IN (SELECT d.objid FROM pg_depend d"
          + " WHERE d.refclassid = 'pg_extension'::regclass AND d.classid = 'pg_class'::regclass"
          + " AND d.deptype = 'e')";

  /** The comment of {@code alias.oid} in {@code catalog}; a join, not a function call per row. */
  private static String comment(String alias, String oidColumn, String catalog) {
    return " LEFT JOIN pg_description "
        + alias
        + " ON "
        + alias
        + ".objoid = "
        + oidColumn
        + " AND "
        + alias
        + ".classoid = '"
        + catalog
        + "'::regclass AND "
        + alias
        + ".objsubid = 0";
  }

  /** ACL of a relation as sorted {@code grantee:PRIVILEGE} entries, without the owner's own. */
  private static final String RELATION_ACL =
      "CASE WHEN c.relacl IS NOT NULL THEN"
          + " (SELECT string_agg(x, ', ' ORDER BY x) FROM (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC'"
          + " ELSE quote_ident(pg_get_userbyid(a.grantee)) END || ':' || a.privilege_type"
          + " || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END AS x"
          + " FROM aclexplode(c.relacl) a WHERE a.grantee <> c.relowner) acl) END";

  private final class Loader {
    private final Connection c;
    private final List<String> schemas;
    private final List<CatalogObject> out;
    private final Array schemaArray;
    private final IdentifierQuoting quoting;

    Loader(Connection c, List<String> schemas, List<CatalogObject> out, IdentifierQuoting quoting)
        throws SQLException {
      this.c = c;
      this.schemas = schemas;
      this.out = out;
      this.quoting = quoting;
      this.schemaArray = c.createArrayOf("text", schemas.toArray());
    }

    private void query(String kind, String sql, RowHandler handler) throws SQLException {
      long started = System.nanoTime();
      int rows = 0;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int n = sql.split("\\?", -1).length - 1;
        for (int i = 1; i <= n; i++) {
          ps.setArray(i, schemaArray);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            handler.row(rs);
            rows++;
          }
        }
      }
      listener.queried(kind, rows, System.nanoTime() - started);
    }

    private void add(
        ObjectId id,
        ObjectId parent,
        Map<Attribute, String> attributes,
        Map<Detail, String> details) {
      out.add(new CatalogObject(id, parent, attributes, details));
    }

    private String notHistory(String schemaColumn, String nameColumn) {
      return " AND NOT (" + nameColumn + " = '" + historyTable.replace("'", "''") + "')";
    }

    void schemas() throws SQLException {
      query(
          "schemas",
          "SELECT n.nspname, obj_description(n.oid, 'pg_namespace'), quote_ident(n.nspname)"
              + " FROM pg_namespace n WHERE n.nspname = ANY(?)",
          rs -> {
            Map<Attribute, String> a = new EnumMap<>(Attribute.class);
            a.put(Attribute.COMMENT, rs.getString(2));
            add(
                ObjectId.of(ObjectKind.SCHEMA, rs.getString(1)),
                null,
                a,
                Map.of(Detail.QNAME, rs.getString(3)));
          });
    }

    void extensions() throws SQLException {
      query(
          "extensions",
          "SELECT e.extname, n.nspname, quote_ident(e.extname), quote_ident(n.nspname)"
              + " FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
              + " WHERE n.nspname = ANY(?) OR n.nspname = 'pg_catalog'",
          rs -> {
            Map<Attribute, String> a = new EnumMap<>(Attribute.class);
            a.put(Attribute.SCHEMA, rs.getString(2));
            String schema = rs.getString(2);
            ObjectId parent =
                schemas.contains(schema) ? ObjectId.of(ObjectKind.SCHEMA, schema) : null;
            add(
                ObjectId.of(ObjectKind.EXTENSION, rs.getString(1)),
                parent,
                a,
                Map.of(Detail.QNAME, rs.getString(3), Detail.QSCHEMA, rs.getString(4)));
          });
    }

    void types() throws SQLException {
      query(
          "types",
          "SELECT n.nspname, t.typname, t.typtype, format('%I.%I', n.nspname, t.typname),"
              + " (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)"
              + "   FROM pg_enum e WHERE e.enumtypid = t.oid),"
              + " format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,"
              + " (SELECT string_agg(quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid, true),"
              + "   '; ' ORDER BY con.conname) FROM pg_constraint con"
              + "   WHERE con.contypid = t.oid AND con.contype = 'c'),"
              + " CASE WHEN t.typcollation <> bt.typcollation THEN"
              + "   (SELECT format('%I.%I', cn.nspname, co.collname) FROM pg_collation co"
              + "    JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation) END,"
              + " obj_description(t.oid, 'pg_type')"
              + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
              + " LEFT JOIN pg_type bt ON bt.oid = t.typbasetype"
              + " WHERE t.typtype IN ('e', 'd') AND n.nspname = ANY(?)"
              + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass"
              + " AND d.objid = t.oid AND d.deptype = 'e')",
          rs -> {
            String schema = rs.getString(1);
            boolean isEnum = "e".equals(rs.getString(3));
            Map<Attribute, String> a = new EnumMap<>(Attribute.class);
            a.put(Attribute.COMMENT, rs.getString(11));
            if (isEnum) {
              a.put(Attribute.VALUES, rs.getString(5));
            } else {
              a.put(Attribute.TYPE, rs.getString(6));
              a.put(Attribute.NOT_NULL, Boolean.toString(rs.getBoolean(7)));
              a.put(Attribute.DEFAULT, rs.getString(8));
              a.put(Attribute.CONSTRAINTS, rs.getString(9));
              a.put(Attribute.COLLATION, rs.getString(10));
            }
            add(
                ObjectId.of(isEnum ? ObjectKind.ENUM : ObjectKind.DOMAIN, schema, rs.getString(2)),
                ObjectId.of(ObjectKind.SCHEMA, schema),
                a,
                Map.of(Detail.QNAME, rs.getString(4)));
          });
    }

    void functions() throws SQLException {
      query(
          "functions",
          "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind,"
              + " pg_get_function_result(p.oid), l.lanname, p.provolatile, p.proisstrict,"
              + " p.prosecdef, CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid)"
              + "   ELSE p.prosrc END,"
              + " array_to_string(p.proconfig, ', '), pg_get_functiondef(p.oid),"
              + " obj_description(p.oid, 'pg_proc'), p.proparallel,"
              + " format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))"
              + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
              + " JOIN pg_language l ON l.oid = p.prolang"
              + " WHERE p.prokind IN ('f', 'p') AND n.nspname = ANY(?)"
              + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass"
              + " AND d.objid = p.oid AND d.deptype = 'e')",
          rs -> {
            String schema = rs.getString(1);
            boolean procedure = "p".equals(rs.getString(4));
            Map<Attribute, String> a = new EnumMap<>(Attribute.class);
            if (!procedure) {
              a.put(Attribute.RETURNS, rs.getString(5));
              a.put(
                  Attribute.VOLATILITY,
                  switch (rs.getString(7)) {
                    case "i" -> "IMMUTABLE";
                    case "s" -> "STABLE";
                    default -> "VOLATILE";
                  });
              a.put(Attribute.STRICT, Boolean.toString(rs.getBoolean(8)));
              a.put(
                  Attribute.PARALLEL,
                  switch (rs.getString(14)) {
                    case "s" -> "SAFE";
                    case "r" -> "RESTRICTED";
                    default -> "UNSAFE";
                  });
            }
            a.put(Attribute.LANGUAGE, rs.getString(6));
            a.put(Attribute.SECURITY_DEFINER, Boolean.toString(rs.getBoolean(9)));
            a.put(Attribute.BODY, normaliseWhitespace(rs.getString(10)));
            a.put(Attribute.CONFIG, rs.getString(11));
            a.put(Attribute.COMMENT, rs.getString(13));
            add(
                ObjectId.of(
                    procedure ? ObjectKind.PROCEDURE : ObjectKind.FUNCTION,
                    schema,
                    rs.getString(2) + "(" + rs.getString(3) + ")"),
                ObjectId.of(ObjectKind.SCHEMA, schema),
                a,
                Map.of(Detail.QNAME, rs.getString(15), Detail.DDL, rs.getString(12)));
          });
    }

    void sequences() throws SQLException {
      query(
          "sequences",
          "SELECT n.nspname, c.relname, NULL,"
              + " format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,"
              + " s.seqcache, s.seqcycle,"
              + " (SELECT format('%I.%I.%I', rn.nspname, rc.relname, ra.attname) FROM pg_depend d"
              + "   JOIN pg_class rc ON rc.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
              + "   JOIN pg_attribute ra ON ra.attrelid = d.refobjid AND ra.attnum = d.refobjsubid"
              + "   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a'"
              + "   AND d.refclassid = 'pg_class'::regclass LIMIT 1),"
              + " cd.description, "
              + RELATION_ACL
              + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace"
              + comment("cd", "c.oid", "pg_class")
              + " WHERE n.nspname = ANY(?)"
              + NOT_EXTENSION_CLASS
              + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
              + " AND d.objid = c.oid AND d.deptype = 'i')",
          rs -> {
            String schema = rs.getString(1);
            Map<Attribute, String> a = new EnumMap<>(Attribute.class);
            a.put(Attribute.TYPE, rs.getString(4));
            a.put(Attribute.START, rs.getString(5));
            a.put(Attribute.INCREMENT, rs.getString(6));
            a.put(Attribute.MIN, rs.getString(7));
            a.put(Attribute.MAX, rs.getString(8));
            a.put(Attribute.CACHE, rs.getString(9));
            a.put(Attribute.CYCLE, Boolean.toString(rs.getBoolean(10)));
            a.put(Attribute.OWNED_BY, rs.getString(11));
            a.put(Attribute.COMMENT, rs.getString(12));
            a.put(Attribute.PRIVILEGES, rs.getString(13));
            add(
                ObjectId.of(ObjectKind.SEQUENCE, schema, rs.getString(2)),
                ObjectId.of(ObjectKind.SCHEMA, schema),
                a,
                Map.of(Detail.QNAME, quoting.qualified(schema, rs.getString(2))));
          });
    }

    /** Tables, partitioned tables, views and materialized views. */
    void relations() throws SQLException {
      query(
          "relations",
          "SELECT n.nspname, c.relname, c.relkind, NULL,"
              + " c.relpersistence, c.relrowsecurity, c.relforcerowsecurity,"
              + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
              + " (SELECT format('%I.%I', pn.nspname, pc.relname) FROM pg_inherits i"
              + "   JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace"
              + "   WHERE i.inhrelid = c.oid AND c.relispartition),"
              + " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,"
              + " CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END,"
              + " array_to_string(c.reloptions, ', '), cd.description, "
              + RELATION_ACL
              + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
              + comment("cd", "c.oid", "pg_class")
              + " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname = ANY(?)"
              + notHistory("n.nspname", "c.relname")
              + NOT_EXTENSION_CLASS,
          rs -> {
            String schema = rs.getString(1);
            String kind = rs.getString(3);
            Map<Attribute, String> a = new EnumMap<>(Attribute.class);
            Map<Detail, String> d = new EnumMap<>(Detail.class);
            d.put(Detail.QNAME, quoting.qualified(schema, rs.getString(2)));
            a.put(Attribute.OPTIONS, rs.getString(12));
            a.put(Attribute.COMMENT, rs.getString(13));
            a.put(Attribute.PRIVILEGES, rs.getString(14));
            ObjectKind objectKind;
            if (kind.equals("v") || kind.equals("m")) {
              objectKind = kind.equals("v") ? ObjectKind.VIEW : ObjectKind.MATERIALIZED_VIEW;
              a.put(Attribute.DEFINITION, normaliseWhitespace(rs.getString(11)));
              d.put(Detail.DDL, rs.getString(11));
            } else {
              objectKind = ObjectKind.TABLE;
              a.put(Attribute.PERSISTENCE, "u".equals(rs.getString(5)) ? "UNLOGGED" : "LOGGED");
              a.put(Attribute.ROW_SECURITY, Boolean.toString(rs.getBoolean(6)));
              a.put(Attribute.FORCE_ROW_SECURITY, Boolean.toString(rs.getBoolean(7)));
              a.put(Attribute.PARTITION_KEY, rs.getString(8));
              a.put(Attribute.PARTITION_OF, rs.getString(9));
              a.put(Attribute.PARTITION_BOUND, rs.getString(10));
            }
            add(
                ObjectId.of(objectKind, schema, rs.getString(2)),
                ObjectId.of(ObjectKind.SCHEMA, schema),
                a,
                d);
          });
    }

    /** Columns of tables and partitions. */
    void columns() throws SQLException {
      query(
          "columns",
          "SELECT n.nspname, c.relname, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod),"
              + " a.attnotnull,"
              + " CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,"
              + " CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' END,"
              + " CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END,"
              + " CASE WHEN a.attcollation <> t.typcollation THEN"
              + "   (SELECT format('%I.%I', cn.nspname, co.collname) FROM pg_collation co"
              + "    JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END,"
              + " cd.description"
              + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " JOIN pg_type t ON t.oid = a.atttypid"
              + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
              + " LEFT JOIN pg_description cd ON cd.objoid = a.attrelid"
              + "   AND cd.classoid = 'pg_class'::regclass AND cd.objsubid = a.attnum"
              + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')"
              + " AND n.nspname = ANY(?)"
              + notHistory("n.nspname", "c.relname")
              + NOT_EXTENSION_CLASS,
          rs -> {
            String schema = rs.getString(1);
            String table = rs.getString(2);
            Map<Attribute, String> a = new EnumMap<>(Attribute.class);
            a.put(Attribute.TYPE, rs.getString(5));
            a.put(Attribute.NOT_NULL, Boolean.toString(rs.getBoolean(6)));
            a.put(Attribute.DEFAULT, rs.getString(7));
            a.put(Attribute.IDENTITY, rs.getString(8));
            a.put(Attribute.GENERATED, rs.getString(9));
            a.put(Attribute.COLLATION, rs.getString(10));
            a.put(Attribute.COMMENT, rs.getString(11));
            add(
                ObjectId.of(ObjectKind.COLUMN, schema, table, rs.getString(3)),
                ObjectId.of(ObjectKind.TABLE, schema, table),
                a,
                Map.of(
                    Detail.TABLE, quoting.qualified(schema, table),
                    Detail.QNAME, quoting.quote(rs.getString(3)),
                    Detail.POSITION, rs.getString(4)));
          });
    }

    void constraints() throws SQLException {
      query(
          "constraints",
          "SELECT n.nspname, c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid, true),"
              + " con.confdeltype, con.confupdtype, con.confmatchtype, con.condeferrable,"
              + " con.condeferred, con.convalidated,"
              + " CASE WHEN con.contype = 'f' THEN (SELECT string_agg(quote_ident(a.attname), ', '"
              + "   ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)"
              + "   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) END,"
              + " fn.nspname, fc.relname,"
              + " CASE WHEN con.contype = 'f' THEN (SELECT string_agg(quote_ident(a.attname), ', '"
              + "   ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)"
              + "   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) END,"
              + " cd.description, c.relkind"
              + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " LEFT JOIN pg_class fc ON fc.oid = con.confrelid"
              + " LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace"
              + comment("cd", "con.oid", "pg_constraint")
              + " WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0"
              + " AND con.conislocal AND n.nspname = ANY(?)"
              + notHistory("n.nspname", "c.relname")
              + NOT_EXTENSION_CLASS,
          rs -> {
            String schema = rs.getString(1);
            String table = rs.getString(2);
            ConstraintType type =
                switch (rs.getString(4)) {
                  case "p" -> ConstraintType.PRIMARY_KEY;
                  case "u" -> ConstraintType.UNIQUE;
                  case "f" -> ConstraintType.FOREIGN_KEY;
                  case "c" -> ConstraintType.CHECK;
                  default -> ConstraintType.EXCLUSION;
                };
            Map<Attribute, String> a = new EnumMap<>(Attribute.class);
            a.put(Attribute.TYPE, type.sql());
            if (type == ConstraintType.FOREIGN_KEY) {
              a.put(Attribute.COLUMNS, rs.getString(12));
              a.put(
                  Attribute.REFERENCES,
                  quoting.qualified(rs.getString(13), rs.getString(14))
                      + "("
                      + rs.getString(15)
                      + ")");
              a.put(Attribute.ON_DELETE, action(rs.getString(6)));
              a.put(Attribute.ON_UPDATE, action(rs.getString(7)));
              a.put(
                  Attribute.MATCH,
                  switch (rs.getString(8)) {
                    case "f" -> "FULL";
                    case "p" -> "PARTIAL";
                    default -> "SIMPLE";
                  });
              a.put(
                  Attribute.DEFERRABLE,
                  !rs.getBoolean(9)
                      ? "NOT DEFERRABLE"
                      : rs.getBoolean(10) ? "INITIALLY DEFERRED" : "INITIALLY IMMEDIATE");
              a.put(Attribute.VALIDATED, Boolean.toString(rs.getBoolean(11)));
            } else {
              a.put(Attribute.DEFINITION, rs.getString(5));
            }
            a.put(Attribute.COMMENT, rs.getString(16));
            add(
                ObjectId.of(ObjectKind.CONSTRAINT, schema, table, rs.getString(3)),
                ObjectId.of(ObjectKind.TABLE, schema, table),
                a,
                Map.of(
                    Detail.TABLE, quoting.qualified(schema, table),
                    Detail.QNAME, quoting.quote(rs.getString(3)),
                    Detail.DDL, rs.getString(5)));
          });
    }

    void indexes() throws SQLException {
      query(
          "indexes",
          "SELECT n.nspname, c.relname, ic.relname, am.amname, i.indisunique, pg_get_indexdef(i.indexrelid),"
              + " pg_get_expr(i.indpred, i.indrelid, true),"
              + " CASE WHEN i.indnatts > i.indnkeyatts THEN"
              + "   (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true), ', ' ORDER BY k)"
              + "   FROM generate_series(i.indnkeyatts + 1, i.indnatts) k) END,"
              + " i.indnullsnotdistinct, cd.description,"
              + " NULL, c.relkind"
              + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
              + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " JOIN pg_am am ON am.oid = ic.relam"
              + comment("cd", "ic.oid", "pg_class")
              + " WHERE n.nspname = ANY(?) AND c.relkind IN ('r', 'p', 'm')"
              + notHistory("n.nspname", "c.relname")
              + NOT_EXTENSION_CLASS
              + " AND i.indexrelid NOT IN (SELECT con.conindid FROM pg_constraint con"
              + "   WHERE con.contype IN ('p', 'u', 'x'))"
              + " AND i.indexrelid NOT IN (SELECT inh.inhrelid FROM pg_inherits inh)",
          rs -> {
            String schema = rs.getString(1);
            String table = rs.getString(2);
            String ddl = rs.getString(6);
            String method = rs.getString(4);
            Map<Attribute, String> a = new EnumMap<>(Attribute.class);
            a.put(Attribute.METHOD, method);
            a.put(Attribute.UNIQUE, Boolean.toString(rs.getBoolean(5)));
            a.put(Attribute.COLUMNS, keyList(ddl, method));
            a.put(Attribute.PREDICATE, rs.getString(7));
            a.put(Attribute.INCLUDE, rs.getString(8));
            a.put(Attribute.NULLS_NOT_DISTINCT, Boolean.toString(rs.getBoolean(9)));
            a.put(Attribute.COMMENT, rs.getString(10));
            ObjectKind parentKind =
                "m".equals(rs.getString(12)) ? ObjectKind.MATERIALIZED_VIEW : ObjectKind.TABLE;
            add(
                ObjectId.of(ObjectKind.INDEX, schema, table, rs.getString(3)),
                ObjectId.of(parentKind, schema, table),
                a,
                Map.of(Detail.QNAME, quoting.qualified(schema, rs.getString(3)), Detail.DDL, ddl));
          });
    }

    void triggers() throws SQLException {
      query(
          "triggers",
          "SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled,"
              + " cd.description, NULL, NULL, c.relkind"
              + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace"
              + comment("cd", "t.oid", "pg_trigger")
              + " WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND n.nspname = ANY(?)"
              + notHistory("n.nspname", "c.relname")
              + NOT_EXTENSION_CLASS,
          rs -> {
            String schema = rs.getString(1);
            String table = rs.getString(2);
            Map<Attribute, String> a = new EnumMap<>(Attribute.class);
            a.put(Attribute.DEFINITION, rs.getString(4));
            a.put(
                Attribute.ENABLED,
                switch (rs.getString(5)) {
                  case "D" -> "DISABLED";
                  case "R" -> "REPLICA";
                  case "A" -> "ALWAYS";
                  default -> "ORIGIN";
                });
            a.put(Attribute.COMMENT, rs.getString(6));
            ObjectKind parentKind =
                switch (rs.getString(9)) {
                  case "v" -> ObjectKind.VIEW;
                  case "m" -> ObjectKind.MATERIALIZED_VIEW;
                  default -> ObjectKind.TABLE;
                };
            add(
                ObjectId.of(ObjectKind.TRIGGER, schema, table, rs.getString(3)),
                ObjectId.of(parentKind, schema, table),
                a,
                Map.of(
                    Detail.TABLE,
                    quoting.qualified(schema, table),
                    Detail.QNAME,
                    quoting.quote(rs.getString(3)),
                    Detail.DDL,
                    rs.getString(4)));
          });
    }

    void policies() throws SQLException {
      query(
          "policies",
          "SELECT n.nspname, c.relname, p.polname,"
              + " CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'"
              + "   WHEN 'd' THEN 'DELETE' ELSE 'ALL' END, p.polpermissive,"
              + " CASE WHEN p.polroles = '{0}' THEN 'PUBLIC' ELSE (SELECT string_agg(quote_ident(r.rolname),"
              + "   ', ' ORDER BY r.rolname) FROM pg_roles r WHERE r.oid = ANY(p.polroles)) END,"
              + " pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),"
              + " format('%I.%I', n.nspname, c.relname), quote_ident(p.polname)"
              + " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(?)"
              + NOT_EXTENSION_CLASS,
          rs -> {
            String schema = rs.getString(1);
            String table = rs.getString(2);
            Map<Attribute, String> a = new EnumMap<>(Attribute.class);
            a.put(Attribute.COMMAND, rs.getString(4));
            a.put(Attribute.PERMISSIVE, rs.getBoolean(5) ? "PERMISSIVE" : "RESTRICTIVE");
            a.put(Attribute.ROLES, rs.getString(6));
            a.put(Attribute.USING, rs.getString(7));
            a.put(Attribute.WITH_CHECK, rs.getString(8));
            add(
                ObjectId.of(ObjectKind.POLICY, schema, table, rs.getString(3)),
                ObjectId.of(ObjectKind.TABLE, schema, table),
                a,
                Map.of(Detail.TABLE, rs.getString(9), Detail.QNAME, rs.getString(10)));
          });
    }
  }

  private static String action(String code) {
    return switch (code) {
      case "r" -> "RESTRICT";
      case "c" -> "CASCADE";
      case "n" -> "SET NULL";
      case "d" -> "SET DEFAULT";
      default -> "NO ACTION";
    };
  }

  /** The parenthesised key list after {@code USING method} in an index definition. */
  static String keyList(String indexDef, String method) {
    String marker = " USING " + method + " (";
    int start = indexDef.indexOf(marker);
    if (start < 0) {
      return indexDef;
    }
    int i = start + marker.length();
    int depth = 1;
    boolean quoted = false;
    boolean literal = false;
    for (int j = i; j < indexDef.length(); j++) {
      char ch = indexDef.charAt(j);
      if (ch == '"' && !literal) {
        quoted = !quoted;
      } else if (ch == '\'' && !quoted) {
        literal = !literal;
      } else if (!quoted && !literal) {
        if (ch == '(') {
          depth++;
        } else if (ch == ')' && --depth == 0) {
          return indexDef.substring(i, j);
        }
      }
    }
    return indexDef.substring(i);
  }

  @FunctionalInterface
  private interface RowHandler {
    void row(ResultSet rs) throws SQLException;
  }
}
