package dev.drydock.spring.drift;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Actuator health ({@code drydock}): the start-up drift check's outcome. Drift is reported as
 * {@code UP} with {@code drift=true} and the differences in the details (the application runs, as
 * {@code drydock.drift-check=warn} asked; a {@code DOWN} would take it out of a load balancer); no
 * report (not run yet, or the check could not run: then with the error) is {@code UNKNOWN}.
 */
public final class DriftHealthIndicator extends AbstractHealthIndicator {

  private final DriftCheckRunner runner;

  public DriftHealthIndicator(DriftCheckRunner runner) {
    super("drydock drift check failed");
    this.runner = runner;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    runner
        .report()
        .ifPresentOrElse(
            r ->
                builder
                    .up()
                    .withDetail("drift", r.hasDrift())
                    .withDetail("differences", r.differences())
                    .withDetail("checkedAt", r.checkedAt().toString())
                    .withDetail("report", r.text()),
            () ->
                runner
                    .failure()
                    .ifPresentOrElse(
                        e -> builder.unknown().withDetail("error", e.toString()),
                        builder::unknown));
  }
}
