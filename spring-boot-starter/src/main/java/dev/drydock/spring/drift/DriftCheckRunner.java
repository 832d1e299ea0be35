package dev.drydock.spring.drift;

import dev.drydock.spring.DrydockProperties.DriftCheckMode;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Runs the {@link DriftCheck} once at start-up, after every singleton is created (so after Flyway
 * migrated the database): with {@code fail} a drifted database stops the start-up with a {@link
 * SchemaDriftException} listing the differences; with {@code warn} they are logged. A check that
 * cannot run (no throwaway PostgreSQL, unreadable migrations) stops the start-up with {@code fail}
 * and is logged with {@code warn}. The outcome is kept for the health indicator.
 */
public final class DriftCheckRunner implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(DriftCheckRunner.class);

  private final DriftCheck check;
  private final DataSource dataSource;
  private final DriftCheckMode mode;
  private volatile DriftReport report;
  private volatile RuntimeException failure;

  public DriftCheckRunner(DriftCheck check, DataSource dataSource, DriftCheckMode mode) {
    this.check = check;
    this.dataSource = dataSource;
    this.mode = mode;
  }

  @Override
  public void afterSingletonsInstantiated() {
    long started = System.nanoTime();
    DriftReport r;
    try {
      r = check.check(dataSource);
    } catch (RuntimeException e) {
      failure = e;
      if (mode == DriftCheckMode.FAIL) {
        throw new IllegalStateException(
            "drydock.drift-check=fail: the check could not run: " + e.getMessage(), e);
      }
      LOG.warn("drydock drift check could not run (drydock.drift-check=warn): {}", e.toString());
      return;
    }
    report = r;
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (!r.hasDrift()) {
      LOG.info("drydock drift check ({} ms): {}", millis, r.text().strip());
    } else if (mode == DriftCheckMode.FAIL) {
      throw new SchemaDriftException(r);
    } else {
      LOG.warn("drydock drift check ({} ms): {}", millis, r.text().strip());
    }
  }

  /** Why the start-up check could not run, if it could not (warn mode). */
  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure);
  }

  /** The start-up check's report; empty before it ran or if it could not run. */
  public Optional<DriftReport> report() {
    return Optional.ofNullable(report);
  }
}
