package dev.drydock.provider;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Chooses and starts the provider that {@link ProviderSettings} asks for. */
final class Providers {
  private Providers() {}

  static ThrowawayDatabase start(ProviderSettings settings) {
    ProviderKind kind = resolve(settings);
    ThrowawayDatabase db =
        switch (kind) {
          case EXTERNAL -> ExternalServer.start(settings);
          case TESTCONTAINERS -> TestcontainersPostgres.start(settings);
          case EMBEDDED -> EmbeddedPostgres.start(settings);
          case AUTO -> throw new IllegalStateException("resolve() never returns AUTO");
        };
    try {
      runInitSql(db, settings.initSql());
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Runs the configured init SQL on a fresh throwaway database, before anything else. */
  static void runInitSql(ThrowawayDatabase db, List<String> statements) {
    if (statements.isEmpty()) {
      return;
    }
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw new ProviderException(
          "Init SQL failed on " + db.description() + ": " + e.getMessage(), e);
    }
  }

  /** The concrete kind AUTO stands for: external URL, else Docker, else embedded. */
  static ProviderKind resolve(ProviderSettings settings) {
    return ProviderChoice.of(settings).kind();
  }
}
