package dev.drydock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.Introspector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** What the snapshot tests compare a migrated database by. */
final class MigratedStates {

  private MigratedStates() {}

  /** The introspected catalog of schema {@code public} (never empty). */
  static Map<?, ?> catalog(MigratedDatabase db) throws Exception {
    try (Connection c = db.database().connect()) {
      Catalog catalog = Introspector.configure().build().load(c, List.of("public"));
      assertThat(catalog.size()).isPositive();
      return catalog.objects();
    }
  }

  /** The one integer {@code query} answers. */
  static int count(MigratedDatabase db, String query) throws Exception {
    try (Connection c = db.database().connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
