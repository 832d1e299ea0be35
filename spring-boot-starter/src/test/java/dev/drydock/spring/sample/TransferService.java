package dev.drydock.spring.sample;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.spring.tx.RetryableTransaction;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.springframework.stereotype.Service;

/** Money transfers retried as a whole on serialization failures and deadlocks. */
@Service
public class TransferService {

  private final DrydockDatabase db;
  private final AtomicInteger attempts = new AtomicInteger();

  public TransferService(DrydockDatabase db) {
    this.db = db;
  }

  /**
   * Reads the source account, lets {@code afterRead} act (a test's concurrent writer, given the
   * attempt number), then transfers.
   */
  @RetryableTransaction
  public long transfer(UUID from, UUID to, long amount, IntConsumer afterRead) {
    int attempt = attempts.incrementAndGet();
    long balance = db.accounts().findById(from).orElseThrow().getBalance();
    afterRead.accept(attempt);
    db.accounts().transfer(from, to, amount);
    return balance;
  }

  /** Registers a user, then runs {@code statement} (which may fail) in the same transaction. */
  @RetryableTransaction
  public void registerThen(String email, String statement) {
    attempts.incrementAndGet();
    db.users().create("Retry", email);
    db.dsl().execute(statement);
  }

  /** Attempts since the last reset. */
  public int attemptsAndReset() {
    return attempts.getAndSet(0);
  }
}
