package dev.drydock.spring;

import dev.drydock.dao.tx.Isolation;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code drydock.*} properties of the starter.
 *
 * @param errorTranslation which translator turns failed statements into exceptions
 * @param queryTimeout a JDBC query timeout for every statement of the repositories (none by
 *     default)
 * @param directExecution whether the repositories run their hot statements directly with JDBC (on
 *     the Spring-managed connection) rather than through jOOQ's execute lifecycle
 * @param retry the transaction retry policy
 * @param driftCheck whether the application's database is compared with its migrations at start-up
 * @param drift where the drift check finds the migrations and what it compares
 */
@ConfigurationProperties("drydock")
public record DrydockProperties(
    @DefaultValue("drydock") ErrorTranslation errorTranslation,
    Duration queryTimeout,
    @DefaultValue("true") boolean directExecution,
    @DefaultValue Retry retry,
    @DefaultValue("off") DriftCheckMode driftCheck,
    @DefaultValue Drift drift) {

  /** Which translator turns a failed statement into an exception. */
  public enum ErrorTranslation {
    /**
     * Drydock's domain exceptions ({@code ConflictException}, {@code NotFoundException}, ...)
     * instead of Spring's: Boot's {@code ExceptionTranslatorExecuteListener} is replaced.
     */
    DRYDOCK,
    /** Spring's {@code DataAccessException}s, as Boot's jOOQ support throws them. */
    SPRING
  }

  /** What the start-up drift check does. */
  public enum DriftCheckMode {
    /** No check. */
    OFF,
    /** Compare, log the differences as a warning, and start. */
    WARN,
    /** Compare, and refuse to start when the database differs, listing the differences. */
    FAIL
  }

  /**
   * The retry policy of {@code TransactionRetry} and {@code @RetryableTransaction}.
   *
   * @param maxAttempts attempts in total, including the first (1 disables retrying)
   * @param initialBackoff backoff ceiling before the second attempt
   * @param maxBackoff cap of the backoff ceiling
   * @param multiplier growth of the backoff ceiling per attempt
   * @param isolation isolation level of each attempt's transaction
   */
  public record Retry(
      @DefaultValue("5") int maxAttempts,
      @DefaultValue("10ms") Duration initialBackoff,
      @DefaultValue("1s") Duration maxBackoff,
      @DefaultValue("2.0") double multiplier,
      @DefaultValue("default") Isolation isolation) {}

  /**
   * What the drift check compares.
   *
   * @param locations where the migrations are; empty (the default): the Flyway bean's ({@code
   *     spring.flyway.locations}), else {@code classpath:db/migration} (Spring resource locations:
   *     {@code classpath:} on the class path or in a jar, {@code file:})
   * @param schemas the schemas to compare; empty for every non-system schema
   * @param historyTable Flyway's history table, left out of the comparison; default the Flyway
   *     bean's, else {@code flyway_schema_history}
   * @param provider where the throwaway PostgreSQL the migrations are applied to comes from: auto
   *     (Testcontainers if Docker answers, else embedded), embedded, testcontainers
   * @param snapshots whether the embedded throwaway may start from a migration snapshot in
   *     Drydock's cache (and save one): a start with unchanged migrations applies none
   * @param postgresVersion the throwaway's PostgreSQL, a major ({@code 15}) or a version of zonky's
   *     binaries ({@code 15.14.0}); empty (the default): the live server's major
   * @param cacheDirectory Drydock's cache (PostgreSQL binaries, snapshots, kept catalogs); unset
   *     for the default ({@code drydock.cache}, {@code $DRYDOCK_CACHE}, else {@code
   *     ~/.cache/drydock})
   */
  public record Drift(
      @DefaultValue List<String> locations,
      @DefaultValue List<String> schemas,
      String historyTable,
      @DefaultValue("auto") String provider,
      @DefaultValue("true") boolean snapshots,
      String postgresVersion,
      java.nio.file.Path cacheDirectory) {}
}
