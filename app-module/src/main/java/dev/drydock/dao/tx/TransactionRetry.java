package dev.drydock.dao.tx;

import dev.drydock.dao.error.CommitOutcomeUnknownException;
import dev.drydock.dao.error.DatabaseException;
import dev.drydock.dao.error.ErrorTranslator;
import dev.drydock.dao.error.StatementKind;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jooq.DSLContext;
import org.jooq.exception.DataChangedException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a unit of work in a transaction and runs the whole unit again, in a new transaction, when it
 * fails with a retryable error (serialization failure, deadlock, stale version, lost connection,
 * ...), up to a bounded number of attempts with exponential backoff and full jitter.
 *
 * <pre>{@code
 * TransactionRetry retry = TransactionRetry.configure()
 *     .isolation(Isolation.SERIALIZABLE).maxAttempts(10).build();
 * TableRepository<AccountsRecord, UUID> accounts = db.repository(ACCOUNTS);
 * AccountsRecord debited = retry.run(db.dsl(), tx -> {
 *   TableRepository<AccountsRecord, UUID> inTx = accounts.using(tx);
 *   AccountsRecord account = inTx.findById(id).orElseThrow();
 *   return inTx.update(account.setBalance(account.getBalance() - 100));
 * });
 * }</pre>
 *
 * <ul>
 *   <li>Non-retryable errors are thrown at once, translated to Drydock's domain exceptions.
 *   <li>When the attempts run out, the last error is thrown, with the first one attached as a
 *       {@linkplain Throwable#getSuppressed() suppressed} exception.
 *   <li>Each attempt takes one connection from the data source, once: while the database is down an
 *       attempt fails after at most the pool's connection timeout (HikariCP {@code
 *       connectionTimeout}), so a call ends within about {@code maxAttempts} times that, plus the
 *       backoff.
 *   <li>A failure of COMMIT itself is retried only when the server reported that it rolled the
 *       transaction back (class {@code 40}, or DSQL's {@code OC000}/{@code OC001}). A connection
 *       lost or server shut down during COMMIT leaves the outcome unknown: {@link
 *       CommitOutcomeUnknownException} is thrown and nothing is retried.
 * </ul>
 *
 * <p>Immutable and thread-safe. Must be called with a context that is not already in a transaction
 * (a nested unit could only roll back to a savepoint, and retrying it inside an aborted transaction
 * cannot succeed); nesting within another {@code run} fails fast.
 */
public final class TransactionRetry {

  private static final ThreadLocal<Boolean> RUNNING = new ThreadLocal<>();

  private final int maxAttempts;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final double multiplier;
  private final Isolation isolation;
  private final RetryListener listener;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  private TransactionRetry(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoffNanos = b.initialBackoff.toNanos();
    this.maxBackoffNanos = b.maxBackoff.toNanos();
    this.multiplier = b.multiplier;
    this.isolation = b.isolation;
    this.listener = b.listener;
    this.sleeper = b.sleeper;
    this.random = b.random;
  }

  /** Starts a configuration. */
  public static Builder configure() {
    return new Builder();
  }

  /**
   * Runs {@code work} in a transaction of {@code dsl}, retrying as described above, and returns its
   * result.
   */
  public <T extends @Nullable Object> T run(DSLContext dsl, TransactionalWork<T> work) {
    Objects.requireNonNull(dsl, "dsl");
    Objects.requireNonNull(work, "work");
    // one connection per attempt, taken once: jOOQ's transaction provider would ask the pool
    // again to roll back a transaction whose begin found no connection, waiting out the
    // pool's connection timeout three times per attempt while the database is down
    return retry(
        committing ->
            dsl.connectionResult(
                connection ->
                    dsl.configuration()
                        .derive(connection)
                        .dsl()
                        .transactionResult(
                            cfg -> {
                              DSLContext tx = cfg.dsl();
                              if (isolation.sql != null) {
                                tx.execute(isolation.sql);
                              }
                              T result = work.run(tx);
                              committing.run();
                              return result;
                            })));
  }

  /**
   * One attempt of a unit of work that manages its own transaction (e.g. with Spring's {@code
   * TransactionTemplate}): it begins a new transaction, runs the work, calls {@code
   * committing.run()} when the work is done, and commits.
   */
  @FunctionalInterface
  public interface Attempt<T extends @Nullable Object> {
    T run(Runnable committing);
  }

  /**
   * Runs {@code attempt} and runs it again while it fails with a retryable error, with this
   * policy's attempts and backoff, as {@link #run(DSLContext, TransactionalWork)} does. For
   * transactions managed elsewhere (Spring's); this policy's {@linkplain Builder#isolation
   * isolation} is then the caller's to apply.
   */
  public <T extends @Nullable Object> T retry(Attempt<T> attempt) {
    Objects.requireNonNull(attempt, "attempt");
    if (RUNNING.get() != null) {
      throw new IllegalStateException(
          "TransactionRetry.run called inside a retried unit of work: retry the outer unit only");
    }
    RUNNING.set(Boolean.TRUE);
    try {
      return loop(attempt);
    } finally {
      RUNNING.remove();
    }
  }

  /** The isolation level each attempt runs at. */
  public Isolation isolation() {
    return isolation;
  }

  private <T> T loop(Attempt<T> attempt) {
    RuntimeException first = null;
    for (int n = 1; ; n++) {
      boolean[] committing = {false};
      RuntimeException failure;
      try {
        return attempt.run(() -> committing[0] = true);
      } catch (RuntimeException e) {
        failure = classify(e, committing[0]);
      }
      if (!isRetryable(failure) || n >= maxAttempts) {
        if (first != null && first != failure) {
          failure.addSuppressed(first);
        }
        throw failure;
      }
      if (first == null) {
        first = failure;
      }
      Duration backoff = backoff(n);
      listener.retrying(n, failure, backoff);
      try {
        sleeper.sleep(backoff);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        failure.addSuppressed(interrupted);
        throw failure;
      }
    }
  }

  /**
   * The exception to surface for {@code e}: jOOQ's wrappers of a SQLException not already
   * translated by the execute listener (COMMIT is not a jOOQ query) become domain exceptions.
   */
  static RuntimeException classify(RuntimeException e, boolean committing) {
    DatabaseException translated;
    if (e instanceof DatabaseException d) {
      translated = d;
    } else {
      SQLException sqle = ErrorTranslator.findSqlException(e);
      translated = sqle == null ? null : ErrorTranslator.translate(sqle, StatementKind.OTHER);
      if (translated == null) {
        return e;
      }
    }
    if (committing && translated.isRetryable() && !rolledBackByServer(translated)) {
      return CommitOutcomeUnknownException.of(translated);
    }
    return translated;
  }

  /** Whether the server definitely rolled the transaction back when reporting this error. */
  private static boolean rolledBackByServer(DatabaseException e) {
    String state = e.sqlState().orElse("");
    return state.startsWith("40") || state.equals("OC000") || state.equals("OC001");
  }

  /** Whether running the unit again may succeed. */
  static boolean isRetryable(RuntimeException e) {
    if (e instanceof DatabaseException d) {
      return d.isRetryable();
    }
    // jOOQ's UpdatableRecord.store() found a stale lock_version (optimistic locking)
    return e instanceof DataChangedException;
  }

  /** Full jitter: uniform in [0, min(max, initial * multiplier^(attempt-1))]. */
  Duration backoff(int attempt) {
    double ceiling = initialBackoffNanos * Math.pow(multiplier, attempt - 1);
    long capped = (long) Math.min(maxBackoffNanos, ceiling);
    return Duration.ofNanos((long) (capped * random.getAsDouble()));
  }

  /** Sleeps between attempts; replaceable in tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Configuration of a {@link TransactionRetry}. */
  public static final class Builder {
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(10);
    private Duration maxBackoff = Duration.ofSeconds(1);
    private double multiplier = 2.0;
    private Isolation isolation = Isolation.DEFAULT;
    private RetryListener listener = RetryListener.NONE;
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /** Attempts in total, including the first (default 5; 1 disables retrying). */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Backoff ceiling before the second attempt (default 10 ms) and its cap (default 1 s). */
    public Builder backoff(Duration initial, Duration max) {
      if (initial.isNegative() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("need 0 <= initial <= max: " + initial + ", " + max);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** Growth of the backoff ceiling per attempt (default 2). */
    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1.0)) {
        throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    /** Isolation level of each attempt's transaction (default: the connection's). */
    public Builder isolation(Isolation isolation) {
      this.isolation = Objects.requireNonNull(isolation, "isolation");
      return this;
    }

    /** Called before each retry. */
    public Builder listener(RetryListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    Builder random(DoubleSupplier random) {
      this.random = random;
      return this;
    }

    /** Builds the immutable retry policy. */
    public TransactionRetry build() {
      return new TransactionRetry(this);
    }
  }
}
