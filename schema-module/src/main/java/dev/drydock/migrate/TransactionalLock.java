package dev.drydock.migrate;

import java.util.Locale;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway's {@code postgresql.transactional.lock}, set through {@link
 * PostgreSQLConfigurationExtension}: the route Flyway 11, 12 and 13 all support. Flyway 13 reads
 * its namespaced settings from a map ({@code configuration(Map)}) only when Jackson 3's databind is
 * on the classpath, and names this route in its error when it is not.
 */
final class TransactionalLock {

  /** The setting in Flyway's key names. */
  static final String KEY = "flyway.postgresql.transactional.lock";

  private TransactionalLock() {}

  /**
   * {@code true} or {@code false} (any case, surrounding blanks ignored), as Flyway takes them.
   *
   * @throws IllegalArgumentException naming the value otherwise
   */
  static boolean parse(String value) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false, not '" + value + "'");
    };
  }

  /** Sets the lock on {@code flyway}'s own PostgreSQL extension; returns {@code flyway}. */
  static FluentConfiguration apply(FluentConfiguration flyway, boolean lock) {
    flyway
        .getConfigurationExtension(PostgreSQLConfigurationExtension.class)
        .setTransactionalLock(lock);
    return flyway;
  }

  /** The lock as {@code flyway} holds it. */
  static boolean of(FluentConfiguration flyway) {
    return flyway
        .getConfigurationExtension(PostgreSQLConfigurationExtension.class)
        .isTransactionalLock();
  }
}
