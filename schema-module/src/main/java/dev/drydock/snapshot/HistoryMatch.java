package dev.drydock.snapshot;

import dev.drydock.migrate.MigrationChain;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ThrowawayDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether a restored snapshot holds what its key says: Flyway's history rows (version and checksum
 * of each versioned migration, the repeatables by description) must be the chain's prefix the key
 * stands for. A key only names the files a snapshot was made from; this reads what the cluster
 * itself says was applied, so a damaged or foreign cluster under the key is never built upon.
 */
final class HistoryMatch {

  private HistoryMatch() {}

  /** What a snapshot must hold: these versioned migrations, these repeatables. */
  record Expected(List<MigrationChain.Versioned> versioned, List<String> repeatables) {}

  /** Why the history of {@code db} is not {@code expected}; empty when it is. */
  static Optional<String> mismatch(ThrowawayDatabase db, Migrations migrations, Expected expected) {
    String table = quote(migrations.table());
    if (!migrations.schemas().isEmpty()) {
      table = quote(migrations.schemas().get(0)) + "." + table;
    }
    List<String> versioned = new ArrayList<>();
    TreeSet<String> repeatables = new TreeSet<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT version, checksum, description FROM "
                    + table
                    + " WHERE success AND type NOT IN ('SCHEMA', 'BASELINE')"
                    + " ORDER BY installed_rank")) {
      while (rs.next()) {
        String version = rs.getString(1);
        if (version == null) {
          repeatables.add(rs.getString(3));
        } else {
          versioned.add("V" + version + " checksum " + rs.getObject(2));
        }
      }
    } catch (SQLException e) {
      return Optional.of("its history cannot be read: " + e.getMessage());
    }
    List<String> wanted =
        expected.versioned().stream()
            .map(v -> "V" + v.version() + " checksum " + v.checksum())
            .toList();
    for (int i = 0; i < Math.max(wanted.size(), versioned.size()); i++) {
      String want = i < wanted.size() ? wanted.get(i) : "nothing";
      String have = i < versioned.size() ? versioned.get(i) : "nothing";
      if (!want.equals(have)) {
        return Optional.of("history row " + (i + 1) + " is " + have + ", expected " + want);
      }
    }
    if (!repeatables.equals(new TreeSet<>(expected.repeatables()))) {
      return Optional.of(
          "repeatable migrations "
              + repeatables
              + ", expected "
              + new TreeSet<>(expected.repeatables()));
    }
    return Optional.empty();
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
