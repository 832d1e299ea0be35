package dev.drydock.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway's {@code postgresql.transactional.lock} reaches Flyway's own PostgreSQL extension on every
 * Flyway line Drydock supports (13 takes it from a map only with Jackson 3 databind present).
 */
class TransactionalLockTest {

  @TempDir Path dir;

  private Migrations migrations(FlywaySettings settings) {
    return Migrations.configure().location(dir).settings(settings).build();
  }

  @Test
  void givenNoSettingThenFlywayKeepsItsDefaultLockOn() {
    Migrations m = migrations(FlywaySettings.none());

    assertThat(TransactionalLock.of(m.flyway(null))).isTrue();
  }

  @Test
  void givenTheLockSetOffThenFlywaysPostgresExtensionHasItOff() {
    Migrations m =
        migrations(
            FlywaySettings.configure().setting("postgresql.transactional.lock", " FALSE ").build());

    assertThat(TransactionalLock.of(m.flyway(null))).isFalse();
  }

  @Test
  void givenTheLockSetOnWhenRunOnAThrowawayThenItIsOff() {
    Migrations m =
        migrations(
            FlywaySettings.configure().setting("postgresql.transactional.lock", "true").build());

    assertThat(TransactionalLock.of(m.flyway(null))).isTrue();
    assertThat(TransactionalLock.of(m.onThrowaway().flyway(null))).isFalse();
    assertThat(TransactionalLock.of(m.onThrowawayUnbounded().flyway(null))).isFalse();
  }

  @Test
  void givenTheLockSetOffThenTheLoadedFlywayKeepsItOff() {
    Migrations m =
        migrations(
            FlywaySettings.configure().setting("postgresql.transactional.lock", "false").build());

    // load() copies the configuration and its extensions (Flyway 13 without Jackson by reflection)
    var loaded =
        m.flyway(null)
            .load()
            .getConfiguration()
            .getConfigurationExtension(
                org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension.class);

    assertThat(loaded.isTransactionalLock()).isFalse();
  }

  @Test
  void givenTheLockSetOffWithBlanksAndCapitalsThenNoMigrationIsBlockedByIt() {
    Migrations m =
        migrations(
            FlywaySettings.configure().setting("postgresql.transactional.lock", " False ").build());

    // off as Flyway reads it: nothing to look for, so no database is asked
    assertThat(m.concurrentlyUnderTransactionalLock(null)).isEmpty();
  }

  @Test
  void givenANonBooleanLockValueThenTheSettingIsRejectedNamingIt() {
    assertThatThrownBy(
            () ->
                FlywaySettings.configure()
                    .setting("postgresql.transactional.lock", "sometimes")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid Flyway setting postgresql.transactional.lock=sometimes:"
                + " must be true or false, not 'sometimes'");
  }
}
