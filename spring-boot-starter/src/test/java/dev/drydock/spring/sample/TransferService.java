package dev.drydock.spring.sample;

import static dev.drydock.generated.Tables.ACCOUNTS;
import static dev.drydock.generated.Tables.USERS;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.generated.tables.records.AccountsRecord;
import dev.drydock.generated.tables.records.UsersRecord;
import dev.drydock.spring.tx.RetryableTransaction;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;

/** Money transfers retried as a whole on serialization failures and deadlocks. */
@Service
public class TransferService {

  private final DrydockDatabase db;
  private final TableRepository<AccountsRecord, UUID> accounts;
  private final TableRepository<UsersRecord, Integer> users;
  private final AtomicInteger attempts = new AtomicInteger();

  public TransferService(DrydockDatabase db) {
    this.db = db;
    this.accounts = db.repository(ACCOUNTS);
    this.users = db.repository(USERS);
  }

  /**
   * Reads the source account, lets {@code afterRead} act (a test's concurrent writer, given the
   * attempt number), then transfers; returns the source balance read.
   */
  @RetryableTransaction
  public long transfer(UUID from, UUID to, long amount, IntConsumer afterRead) {
    int attempt = attempts.incrementAndGet();
    long balance = accounts.findById(from).orElseThrow().getBalance();
    afterRead.accept(attempt);
    move(from, to, amount);
    return balance;
  }

  /**
   * Moves {@code amount} between two accounts in one relative statement (both rows locked by it,
   * each with a new {@code lock_version} and {@code updated_at}).
   */
  private void move(UUID from, UUID to, long amount) {
    List<UUID> updated =
        db.dsl()
            .update(ACCOUNTS)
            .set(
                ACCOUNTS.BALANCE,
                ACCOUNTS.BALANCE.plus(
                    DSL.when(ACCOUNTS.ID.eq(from), DSL.val(-amount)).else_(DSL.val(amount))))
            .set(ACCOUNTS.LOCK_VERSION, ACCOUNTS.LOCK_VERSION.plus(1))
            .set(ACCOUNTS.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(ACCOUNTS.ID.in(from, to))
            .returning(ACCOUNTS.ID)
            .fetch(ACCOUNTS.ID);
    if (updated.size() < 2) {
      throw NotFoundException.noRow(ACCOUNTS.getName(), updated.contains(from) ? to : from);
    }
  }

  /** Registers a user, then runs {@code statement} (which may fail) in the same transaction. */
  @RetryableTransaction
  public void registerThen(String email, String statement) {
    attempts.incrementAndGet();
    users.create(new UsersRecord().setName("Retry").setEmail(email));
    db.dsl().execute(statement);
  }

  /** Attempts since the last reset. */
  public int attemptsAndReset() {
    return attempts.getAndSet(0);
  }
}
