package dev.drydock.studio;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of every primary, unique and foreign key, read from {@code pg_constraint} as arrays
 * of names in key order: a column named {@code a)b} or {@code sku (legacy)} stays exactly that,
 * never parsed back out of a definition's text.
 */
final class KeyCatalog {

  /** One key: its columns and, for a foreign key, the referenced table and columns. */
  record KeyColumns(
      List<String> columns,
      String referencedSchema,
      String referencedTable,
      List<String> referencedColumns) {
    KeyColumns {
      columns = List.copyOf(columns);
      referencedColumns = List.copyOf(referencedColumns);
    }
  }

  private static final String SQL =
      """
      SELECT n.nspname, c.relname, k.conname,
        ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(num, i)
              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num
              ORDER BY u.i) AS columns,
        rn.nspname AS referenced_schema, rc.relname AS referenced_table,
        ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(num, i)
              JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num
              ORDER BY u.i) AS referenced_columns
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_class rc ON rc.oid = k.confrelid
      LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE k.contype IN ('p', 'u', 'f')
      """;

  private final Map<List<String>, KeyColumns> keys;

  private KeyCatalog(Map<List<String>, KeyColumns> keys) {
    this.keys = Map.copyOf(keys);
  }

  static KeyCatalog load(Connection connection) {
    Map<List<String>, KeyColumns> out = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(SQL);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(
            List.of(rs.getString(1), rs.getString(2), rs.getString(3)),
            new KeyColumns(
                names(rs.getArray(4)), rs.getString(5), rs.getString(6), names(rs.getArray(7))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot read the keys' columns: [" + e.getSQLState() + "] " + e.getMessage(), e);
    }
    return new KeyCatalog(out);
  }

  /** The key {@code constraint} of {@code schema.table}, if the database has it. */
  Optional<KeyColumns> key(String schema, String table, String constraint) {
    return Optional.ofNullable(keys.get(List.of(schema, table, constraint)));
  }

  private static List<String> names(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    try {
      return List.of((String[]) array.getArray());
    } finally {
      array.free();
    }
  }
}
