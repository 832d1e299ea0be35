package dev.drydock.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.drydock.spring.drift.DriftCheck;
import dev.drydock.spring.drift.DriftHealthIndicator;
import dev.drydock.spring.drift.DriftReport;
import dev.drydock.spring.drift.SchemaDriftException;
import dev.drydock.spring.sample.SampleApplication;
import dev.drydock.spring.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The start-up drift check: the application's database against the migrations on the class path
 * (the drydock-migrations jar), applied to a throwaway embedded PostgreSQL.
 */
class DriftCheckTest {

  @Test
  void givenADriftedDatabase_whenStartedWithFail_thenStartUpFailsListingTheDifference() {
    // given
    String database = migratedDatabase("driftfail");
    execute(database, "alter table users add column nickname text");
    // when
    Throwable thrown = catchThrowable(() -> start(database, "fail").close());
    // then
    SchemaDriftException drift = findCause(thrown, SchemaDriftException.class);
    assertThat(drift.report().differences()).isEqualTo(1);
    assertThat(drift).hasMessageContaining("drydock.drift-check=fail");
    assertThat(drift.getMessage()).contains("nickname").contains("users");
  }

  @Test
  void givenADriftedDatabase_whenStartedWithWarn_thenItStartsAndHealthShowsTheDrift() {
    // given
    String database = migratedDatabase("driftwarn");
    execute(database, "create index users_name_idx on users (name)");
    // when
    try (ConfigurableApplicationContext app = start(database, "warn")) {
      Health health = app.getBean(DriftHealthIndicator.class).health();
      // then
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      Map<String, Object> details = health.getDetails();
      assertThat(details).containsEntry("drift", true).containsEntry("differences", 1);
      assertThat((String) details.get("report")).contains("users_name_idx");
    }
  }

  @Test
  void givenAMatchingDatabase_whenStartedWithFail_thenItStartsAndHealthShowsNoDrift() {
    // given: an empty database Boot's Flyway migrates at start-up, before the check
    String database = TestPostgres.createDatabase("nodrift");
    // when
    try (ConfigurableApplicationContext app = start(database, "fail")) {
      Health health = app.getBean(DriftHealthIndicator.class).health();
      // then
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("drift", false).containsEntry("differences", 0);
    }
  }

  @Test
  void
      givenNoMigrationsAtTheLocation_whenStartedWithWarn_thenItStartsAndHealthIsUnknownWithTheError() {
    // given
    String database = TestPostgres.createDatabase("nomigrations");
    // when
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(SampleApplication.class)
            .properties(
                "spring.datasource.url=" + TestPostgres.url(database),
                "drydock.drift-check=warn",
                "drydock.drift.locations=classpath:no/such/place",
                "spring.main.banner-mode=off")
            .run()) {
      Health health = app.getBean(DriftHealthIndicator.class).health();
      // then
      assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
      assertThat((String) health.getDetails().get("error"))
          .contains("no migrations (*.sql) found at [classpath:no/such/place]");
    }
  }

  @Test
  void givenBootsFlywayWithAnotherHistoryTable_whenChecked_thenItIsBootsTableThatIsLeftOut() {
    // given: Boot's Flyway migrates an empty database keeping its history in app_history
    String database = TestPostgres.createDatabase("flywaytable");
    // when: started with no drydock.drift.* settings at all
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(SampleApplication.class)
            .properties(
                "spring.datasource.url=" + TestPostgres.url(database),
                "spring.flyway.table=app_history",
                "drydock.drift-check=fail",
                "drydock.drift.provider=embedded",
                "spring.main.banner-mode=off")
            .run()) {
      Health health = app.getBean(DriftHealthIndicator.class).health();
      // then: the check ran the migrations as Boot's Flyway does, and app_history is not drift
      assertThat(health.getDetails()).containsEntry("drift", false).containsEntry("differences", 0);
      assertThat((String) health.getDetails().get("report")).contains("(PostgreSQL 17.6)");
    }
  }

  @Test
  void givenUnchangedMigrations_whenCheckedAgain_thenTheKeptCatalogGivesTheSameReport()
      throws Exception {
    // given: a drifted database; the first check keeps the migrations' catalog with the snapshot
    String database = migratedDatabase("keptcatalog");
    execute(database, "create table hand_made (id int primary key)");
    org.postgresql.ds.PGSimpleDataSource live = new org.postgresql.ds.PGSimpleDataSource();
    live.setUrl(TestPostgres.url(database));
    java.util.List<String> locations = java.util.List.of("classpath:db/migration");
    DriftCheck withSnapshots =
        new DriftCheck(locations, java.util.List.of(), "flyway_schema_history", "embedded", true);
    DriftCheck without =
        new DriftCheck(locations, java.util.List.of(), "flyway_schema_history", "embedded", false);
    // when
    DriftReport first = withSnapshots.check(live);
    DriftReport again = withSnapshots.check(live);
    DriftReport full = without.check(live);
    // then
    assertThat(again.differences()).isEqualTo(first.differences()).isEqualTo(full.differences());
    assertThat(again.text()).isEqualTo(first.text()).isEqualTo(full.text()).contains("hand_made");
  }

  private static ConfigurableApplicationContext start(String database, String mode) {
    return new SpringApplicationBuilder(SampleApplication.class)
        .properties(
            "spring.datasource.url=" + TestPostgres.url(database),
            "drydock.drift-check=" + mode,
            "drydock.drift.provider=embedded",
            "spring.main.banner-mode=off")
        .run();
  }

  private static String migratedDatabase(String purpose) {
    String database = TestPostgres.createDatabase(purpose);
    Flyway.configure()
        .dataSource(TestPostgres.url(database), null, null)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return database;
  }

  private static void execute(String database, String sql) {
    try (Connection c = TestPostgres.connect(database);
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + t, t);
  }
}
