package dev.drydock.pull;

import dev.drydock.migrate.Migrations;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * Records a pulled migration in the live database's Flyway history without running it (the live
 * database already is in that state), so {@code check} says in step and {@code migrate} skips it.
 * Flyway does the recording itself ({@code skipExecutingMigrations}); a database with objects but
 * no history is baselined first at version 0.
 */
public final class HistoryMarker {
  private HistoryMarker() {}

  /**
   * Fails, before anything is written, when the live history has pending migrations: marking the
   * pulled one applied would mark those too without running them.
   */
  public static void requireNoPending(Migrations migrations, DataSource live) {
    List<MigrationInfo> all = migrations.info(live);
    boolean hasHistory = all.stream().anyMatch(MigrationInfo::isApplied);
    List<String> pending =
        all.stream()
            .filter(m -> m.getState() == MigrationState.PENDING)
            .map(MigrationInfo::getScript)
            .toList();
    if (hasHistory && !pending.isEmpty()) {
      throw new PullException(
          "Cannot mark the pulled migration applied: the live database has pending migrations ("
              + String.join(", ", pending)
              + "); run drydock migrate first");
    }
  }

  /**
   * Marks every pending migration of {@code migrations} (the pulled one, plus all of them on a
   * database Flyway never migrated) applied on {@code live}.
   *
   * @return the number of migrations recorded
   */
  public static int markApplied(Migrations migrations, DataSource live) {
    return migrations.recordPendingAsApplied(live, "drydock pull");
  }
}
