package dev.drydock.dao.tx;

import java.time.Duration;

/** Observes retries, e.g. to count them in metrics. Called on the thread running the work. */
@FunctionalInterface
public interface RetryListener {

  /** No-op. */
  RetryListener NONE = (attempt, failure, backoff) -> {};

  /**
   * Attempt number {@code attempt} (1-based) failed with a retryable {@code failure}; the next
   * attempt starts after {@code backoff}.
   */
  void retrying(int attempt, RuntimeException failure, Duration backoff);
}
