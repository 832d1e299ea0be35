package dev.drydock.dao.sample;

import static dev.drydock.generated.Tables.ACCOUNTS;

import dev.drydock.dao.DrydockDatabase;
import dev.drydock.dao.TableRepository;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.generated.tables.records.AccountsRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The sample's {@code accounts} (uuid keys, {@code balance >= 0}), over {@link TableRepository},
 * plus transfers. Thread-safe.
 *
 * <p>{@link #transfer} changes two rows; run it in a transaction, e.g. through {@code
 * TransactionRetry} so that serialization failures and deadlocks are retried:
 *
 * <pre>{@code
 * retry.run(db.dsl(), tx -> {
 *   accounts.using(tx).transfer(from, to, 100);
 *   return null;
 * });
 * }</pre>
 */
public final class AccountRepository {

  private final TableRepository<AccountsRecord, UUID> accounts;
  private final DSLContext dsl;

  public AccountRepository(DrydockDatabase db) {
    this(db.<AccountsRecord, UUID>repository(ACCOUNTS));
  }

  public AccountRepository(DSLContext dsl) {
    this(TableRepository.<AccountsRecord, UUID>of(dsl, ACCOUNTS));
  }

  private AccountRepository(TableRepository<AccountsRecord, UUID> accounts) {
    this.accounts = accounts;
    this.dsl = accounts.dsl();
  }

  /** The same repository over another context, e.g. a transaction's. */
  public AccountRepository using(DSLContext tx) {
    return new AccountRepository(accounts.using(tx));
  }

  /**
   * Opens an account with a database-generated id.
   *
   * @param ownerId the owning user, or {@code null}
   * @throws dev.drydock.dao.error.InvalidInputException if the balance is negative
   */
  public AccountsRecord create(Integer ownerId, long balance) {
    return accounts.create(new AccountsRecord().setOwnerId(ownerId).setBalance(balance));
  }

  /** Inserts many accounts in multi-row INSERTs; returns the rows in the order given. */
  public List<AccountsRecord> createAll(List<AccountsRecord> batch) {
    return accounts.createMany(batch);
  }

  public Optional<AccountsRecord> findById(UUID id) {
    return accounts.findById(id);
  }

  /** Optimistic update of the fields changed on {@code account}. */
  public AccountsRecord update(AccountsRecord account) {
    return accounts.update(account);
  }

  /** Deletes an account; throws {@link NotFoundException} if there is none with this id. */
  public void delete(UUID id) {
    accounts.deleteById(id);
  }

  /** Sum of all balances. */
  public long totalBalance() {
    return dsl.select(DSL.sum(ACCOUNTS.BALANCE))
        .from(ACCOUNTS)
        .fetchOptional(0, Long.class)
        .orElse(0L);
  }

  /**
   * Moves {@code amount} from one account to another in one statement: {@code update accounts set
   * balance = balance + case when id = from then -amount else amount end ... where id in (from,
   * to)}. Relative, so correct under any isolation level; both rows are locked by the same
   * statement in index order, so concurrent transfers in opposite directions do not deadlock. Each
   * row gets a new {@code lock_version} and {@code updated_at}.
   *
   * @throws dev.drydock.dao.error.InvalidInputException if {@code from} would go negative ({@code
   *     accounts_balance_non_negative})
   * @throws NotFoundException if either account does not exist
   */
  public void transfer(UUID from, UUID to, long amount) {
    if (amount <= 0) {
      throw new IllegalArgumentException("amount must be positive: " + amount);
    }
    if (from.equals(to)) {
      throw new IllegalArgumentException("cannot transfer to the same account: " + from);
    }
    List<UUID> updated =
        dsl.update(ACCOUNTS)
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
}
