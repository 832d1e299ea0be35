package dev.drydock.spring.tx;

import dev.drydock.dao.tx.Isolation;
import dev.drydock.dao.tx.TransactionRetry;
import java.util.Objects;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a unit of work in a Spring-managed transaction and runs the whole unit again, in a new
 * transaction, when it fails with a retryable error (serialization failure 40001, deadlock 40P01,
 * Aurora DSQL's OC000/OC001, a stale version, a lost connection, ...), with the attempts and
 * backoff of a {@link TransactionRetry}. Everything the unit does through the application's {@code
 * DataSource} (the repositories, Boot's {@code DSLContext}, a {@code JdbcTemplate}) runs on the
 * transaction's one connection.
 *
 * <pre>{@code
 * TableRepository<AccountsRecord, UUID> accounts = db.repository(ACCOUNTS);
 * retrying.execute(status -> {
 *   AccountsRecord a = accounts.findById(id).orElseThrow();
 *   return accounts.update(a.setBalance(a.getBalance() - 100)); // stale: the unit runs again
 * });
 * }</pre>
 *
 * <p>The unit rolls back on any exception. When the attempts run out, the last failure is thrown as
 * Drydock's domain exception. It must be called outside a transaction: retrying inside an aborted
 * outer transaction cannot succeed, so that fails fast. Thread-safe.
 */
public final class RetryingTransactionTemplate {

  private final TransactionRetry retry;
  private final TransactionTemplate template;

  /** Transactions of {@code transactionManager}, at the isolation level of {@code retry}. */
  public RetryingTransactionTemplate(
      PlatformTransactionManager transactionManager, TransactionRetry retry) {
    this.retry = Objects.requireNonNull(retry, "retry");
    this.template = new TransactionTemplate(transactionManager);
    template.setIsolationLevel(isolationLevel(retry.isolation()));
  }

  /** Runs {@code work} in a transaction, retrying as described above; returns its result. */
  public <T> T execute(TransactionCallback<T> work) {
    Objects.requireNonNull(work, "work");
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "a retried transaction was started inside another transaction ("
              + TransactionSynchronizationManager.getCurrentTransactionName()
              + "): retry the outermost unit only, e.g. move @Transactional to"
              + " @RetryableTransaction");
    }
    return retry.retry(
        committing ->
            template.execute(
                status -> {
                  T result = work.doInTransaction(status);
                  committing.run();
                  return result;
                }));
  }

  static int isolationLevel(Isolation isolation) {
    return switch (isolation) {
      case DEFAULT -> TransactionDefinition.ISOLATION_DEFAULT;
      case READ_COMMITTED -> TransactionDefinition.ISOLATION_READ_COMMITTED;
      case REPEATABLE_READ -> TransactionDefinition.ISOLATION_REPEATABLE_READ;
      case SERIALIZABLE -> TransactionDefinition.ISOLATION_SERIALIZABLE;
    };
  }
}
