package dev.drydock.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A SHA-256 of the catalog facts jOOQ's generated code depends on, for the generated schemas, plus
 * the configuration: when a new migration leaves it unchanged (it only moved data, or changed what
 * the generated code does not show, e.g. a function body), the sources generated before are still
 * right and jOOQ need not run. Stored beside the sources in {@link #FILE_NAME} with the number of
 * generated files, apart from the {@link Fingerprint} marker.
 *
 * <p>What it reads, by name and never by OID: the schemas; tables, views (with their definitions),
 * materialized views, foreign and partitioned tables, composite types and sequences; every column's
 * position, name, type, nullability, default, identity and generation; constraints (primary,
 * unique, foreign keys, checks, exclusions, domain checks) as {@code pg_get_constraintdef}; indexes
 * as {@code pg_get_indexdef}; enum labels in order; domains; routine signatures; sequence options;
 * inheritance; triggers; every comment; and the server version.
 */
final class CatalogHash {

  static final String FILE_NAME = dev.drydock.marker.OutputMarker.CATALOG_FILE_NAME;

  private static final List<String> QUERIES =
      List.of(
          "SELECT current_setting('server_version_num')",
          "SELECT n.nspname, d.description FROM pg_namespace n"
              + " LEFT JOIN pg_description d ON d.objoid = n.oid"
              + " AND d.classoid = 'pg_namespace'::regclass"
              + " WHERE n.nspname = ANY (?) ORDER BY 1",
          "SELECT n.nspname, c.relname, c.relkind, c.relpersistence, c.relispartition,"
              + " CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,"
              + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END"
              + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c', 'S')"
              + " ORDER BY 1, 2",
          "SELECT n.nspname, c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),"
              + " tn.nspname, t.typname, a.attnotnull, a.attidentity, a.attgenerated, a.attndims,"
              + " pg_get_expr(d.adbin, d.adrelid)"
              + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " JOIN pg_type t ON t.oid = a.atttypid"
              + " JOIN pg_namespace tn ON tn.oid = t.typnamespace"
              + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
              + " WHERE n.nspname = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped"
              + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')"
              + " ORDER BY 1, 2, 3",
          "SELECT n.nspname, coalesce(c.relname, t.typname), co.conname, co.contype,"
              + " pg_get_constraintdef(co.oid), co.condeferrable, co.condeferred"
              + " FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace"
              + " LEFT JOIN pg_class c ON c.oid = co.conrelid"
              + " LEFT JOIN pg_type t ON t.oid = co.contypid"
              + " WHERE n.nspname = ANY (?) ORDER BY 1, 2, 3, 5",
          "SELECT n.nspname, c.relname, pg_get_indexdef(i.indexrelid), i.indisprimary,"
              + " i.indisunique FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE n.nspname = ANY (?) ORDER BY 1, 2, 3",
          "SELECT n.nspname, t.typname, t.typtype, format_type(t.typbasetype, t.typtypmod),"
              + " t.typnotnull, t.typdefault,"
              + " (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e"
              + " WHERE e.enumtypid = t.oid)"
              + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
              + " WHERE n.nspname = ANY (?) AND t.typtype IN ('e', 'd', 'c', 'r', 'm')"
              + " ORDER BY 1, 2",
          "SELECT n.nspname, p.proname, p.prokind, pg_get_function_arguments(p.oid),"
              + " pg_get_function_result(p.oid), p.proretset"
              + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
              + " WHERE n.nspname = ANY (?) ORDER BY 1, 2, 4",
          "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart,"
              + " s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle"
              + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE n.nspname = ANY (?) ORDER BY 1, 2",
          "SELECT cn.nspname, c.relname, pn.nspname, p.relname, i.inhseqno FROM pg_inherits i"
              + " JOIN pg_class c ON c.oid = i.inhrelid"
              + " JOIN pg_namespace cn ON cn.oid = c.relnamespace"
              + " JOIN pg_class p ON p.oid = i.inhparent"
              + " JOIN pg_namespace pn ON pn.oid = p.relnamespace"
              + " WHERE cn.nspname = ANY (?) OR pn.nspname = ANY (?) ORDER BY 1, 2, 5",
          "SELECT n.nspname, c.relname, tg.tgname, pg_get_triggerdef(tg.oid) FROM pg_trigger tg"
              + " JOIN pg_class c ON c.oid = tg.tgrelid"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE n.nspname = ANY (?) AND NOT tg.tgisinternal ORDER BY 1, 2, 3",
          "SELECT i.type, i.identity, d.description FROM pg_description d,"
              + " pg_identify_object(d.classoid, d.objoid, d.objsubid) i"
              + " WHERE d.objoid >= 16384 AND (i.schema = ANY (?)"
              + " OR (i.type = 'schema' AND i.identity = ANY (?)))"
              + " ORDER BY 1, 2, 3");

  private CatalogHash() {}

  /**
   * The hash of {@code schemas}' catalog facts on {@code connection}, and {@code configuration}.
   */
  static String of(Connection connection, List<String> schemas, String configuration)
      throws SQLException {
    MessageDigest sha = sha256();
    update(sha, configuration);
    Array names = connection.createArrayOf("text", schemas.toArray());
    for (String sql : QUERIES) {
      update(sha, "\u0001");
      try (PreparedStatement st = connection.prepareStatement(sql)) {
        for (int i = 1; i <= st.getParameterMetaData().getParameterCount(); i++) {
          st.setArray(i, names);
        }
        try (ResultSet rs = st.executeQuery()) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int c = 1; c <= columns; c++) {
              String value = rs.getString(c);
              update(sha, value == null ? "\u0000" : value);
              update(sha, "\u0002");
            }
            update(sha, "\n");
          }
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * The hash stored with the output, when the output is intact (it still has the number of
   * generated files it had when the hash was stored).
   */
  static Optional<String> storedIn(Path outputDirectory) {
    try {
      List<String> lines =
          Files.readAllLines(outputDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8);
      if (lines.size() < 2
          || !lines
              .get(1)
              .trim()
              .equals(Long.toString(Fingerprint.countSources(outputDirectory)))) {
        return Optional.empty();
      }
      return Optional.of(lines.get(0).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stores {@code hash} with the sources in {@code directory}. */
  static void writeTo(Path directory, String hash) throws IOException {
    Files.writeString(
        directory.resolve(FILE_NAME),
        hash + "\n" + Fingerprint.countSources(directory) + "\n",
        StandardCharsets.UTF_8);
  }

  private static void update(MessageDigest sha, String text) {
    sha.update(text.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
