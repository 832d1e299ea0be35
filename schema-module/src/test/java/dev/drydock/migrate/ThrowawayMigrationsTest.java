package dev.drydock.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** Flyway on a throwaway database: no transactional lock, and no lock wait without a bound. */
@ExtendWith(SharedPostgres.class)
class ThrowawayMigrationsTest {

  private TestServer server;
  private String database;
  private DataSource dataSource;
  @TempDir Path dir;

  @BeforeEach
  void freshDatabase(TestServer shared) {
    server = shared;
    database = server.createDatabase("throwaway_flyway", null);
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(server.url(database));
    ds.setUser(server.user());
    ds.setPassword(server.server().password());
    dataSource = ds;
  }

  @AfterEach
  void dropDatabase() {
    server.dropDatabase(database);
  }

  @Test
  void givenCreateIndexConcurrentlyWhenMigratedOnAThrowawayThenItIsApplied() throws Exception {
    Files.writeString(dir.resolve("V1__items.sql"), "create table items (id int, name text);\n");
    Files.writeString(
        dir.resolve("V2__items_name.sql"),
        "create index concurrently items_name on items (name);\n");
    Migrations migrations = Migrations.configure().location(dir).build();

    MigrationSummary summary =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60), () -> migrations.onThrowaway().migrate(dataSource));

    assertThat(summary.applied()).isEqualTo(2);
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select indisvalid from pg_index where indexrelid = 'items_name'::regclass")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).isTrue();
    }
  }

  @Test
  void givenALockNobodyReleasesWhenMigratedOnAThrowawayThenItFailsWithinTheBoundNamingTheFile()
      throws Exception {
    server.execute(database, "create schema side; create table side.accounts (id int)");
    Files.writeString(
        dir.resolve("V1__fill.sql"),
        "-- waits for the test's lock\ninsert into side.accounts values (1);\n");
    Migrations migrations =
        Migrations.configure().location(dir).throwawayLockTimeout(Duration.ofSeconds(2)).build();

    try (Connection holder = server.connect(database);
        Statement st = holder.createStatement()) {
      holder.setAutoCommit(false);
      st.execute("lock table side.accounts in access exclusive mode");
      long started = System.nanoTime();

      assertThatThrownBy(() -> migrations.onThrowaway().migrate(dataSource))
          .isInstanceOf(MigrationException.class)
          .hasMessage(
              "V1__fill.sql:2: waited longer than 2 s for a lock on the throwaway database and"
                  + " gave up, in: insert into side.accounts values (1) (nothing else runs there: the"
                  + " migration waits on itself, or on a session it left open) (SQLState 55P03)");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
      holder.rollback();
    }
    try (Connection c = server.connect(database);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select count(*) from pg_stat_activity where datname = current_database()"
                    + " and pid <> pg_backend_pid() and state <> 'idle'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("backends still running").isZero();
    }
  }

  @Test
  void givenAPendingConcurrentlyUnderTheTransactionalLockThenItIsNamedUnlessTheLockIsOff()
      throws Exception {
    Files.writeString(dir.resolve("V1__items.sql"), "create table items (id int);\n");
    Files.writeString(
        dir.resolve("V2__items_id.sql"),
        "-- not CONCURRENTLY in a comment only\ncreate index Concurrently items_id on items (id);\n");
    Files.writeString(dir.resolve("V3__comment.sql"), "-- concurrently\nselect 1;\n");
    Migrations live = Migrations.configure().location(dir).build();
    Migrations lockOff =
        Migrations.configure()
            .location(dir)
            .settings(
                FlywaySettings.configure()
                    .setting("postgresql.transactional.lock", "false")
                    .build())
            .build();

    assertThat(live.concurrentlyUnderTransactionalLock(dataSource))
        .isEqualTo(List.of(dir.resolve("V2__items_id.sql")));
    assertThat(lockOff.concurrentlyUnderTransactionalLock(dataSource)).isEmpty();
    assertThat(live.onThrowaway().concurrentlyUnderTransactionalLock(dataSource)).isEmpty();
  }
}
