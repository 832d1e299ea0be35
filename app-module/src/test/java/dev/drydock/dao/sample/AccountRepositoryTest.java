package dev.drydock.dao.sample;

import static dev.drydock.dao.testing.DatabaseExceptionAssert.assertThrows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drydock.dao.error.InvalidInputException;
import dev.drydock.dao.error.NotFoundException;
import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.tables.records.AccountsRecord;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class AccountRepositoryTest {

  private final AccountRepository accounts;
  private final TestDatabase db;

  AccountRepositoryTest(TestDatabase db) {
    this.db = db;
    this.accounts = new AccountRepository(db.drydock());
  }

  @Test
  void createGeneratesUuidAndFindsIt() {
    AccountsRecord a = accounts.create(null, 100);
    assertThat(a.getId()).isNotNull();
    assertThat(a.getBalance()).isEqualTo(100);
    assertThat(a.getLockVersion()).isZero();
    assertThat(accounts.findById(a.getId())).contains(a);
    assertThat(accounts.findById(UUID.randomUUID())).isEmpty();
  }

  @Test
  void negativeBalanceThrowsInvalidInput() {
    assertThrows(InvalidInputException.class, () -> accounts.create(null, -1))
        .hasSqlState("23514")
        .hasConstraint("accounts_balance_non_negative");
  }

  @Test
  void transferMovesTheAmountAndBumpsBothVersions() {
    // given
    AccountsRecord from = accounts.create(null, 100);
    AccountsRecord to = accounts.create(null, 5);
    // when
    accounts.transfer(from.getId(), to.getId(), 30);
    // then
    AccountsRecord f = accounts.findById(from.getId()).orElseThrow();
    AccountsRecord t = accounts.findById(to.getId()).orElseThrow();
    assertThat(f.getBalance()).isEqualTo(70);
    assertThat(t.getBalance()).isEqualTo(35);
    assertThat(f.getLockVersion()).isEqualTo(1);
    assertThat(t.getLockVersion()).isEqualTo(1);
    assertThat(f.getUpdatedAt()).isNotNull();
  }

  @Test
  void overdraftThrowsInvalidInputAndChangesNothing() {
    // given
    AccountsRecord from = accounts.create(null, 10);
    AccountsRecord to = accounts.create(null, 0);
    // when / then
    assertThrows(InvalidInputException.class, () -> accounts.transfer(from.getId(), to.getId(), 11))
        .hasConstraint("accounts_balance_non_negative");
    assertThat(accounts.findById(from.getId()).orElseThrow().getBalance()).isEqualTo(10);
    assertThat(accounts.findById(to.getId()).orElseThrow().getBalance()).isZero();
  }

  @Test
  void transferToMissingAccountThrowsNotFoundNamingIt() {
    // given
    AccountsRecord from = accounts.create(null, 10);
    UUID missing = UUID.randomUUID();
    // when / then: inside a transaction, so the debit is rolled back with it
    NotFoundException e =
        catchThrowableOfType(
            NotFoundException.class,
            () ->
                db.dsl()
                    .transaction(
                        cfg -> accounts.using(cfg.dsl()).transfer(from.getId(), missing, 5)));
    assertThat(e).hasMessage("No row in accounts with id " + missing);
    assertThat(accounts.findById(from.getId()).orElseThrow().getBalance()).isEqualTo(10);
  }

  @Test
  void optimisticUpdateAndStaleVersionOnUuidKeys() {
    // given
    AccountsRecord a = accounts.create(null, 10);
    AccountsRecord stale = accounts.findById(a.getId()).orElseThrow();
    // when
    AccountsRecord updated = accounts.update(a.setBalance(20L));
    // then
    assertThat(updated.getBalance()).isEqualTo(20);
    assertThat(updated.getLockVersion()).isEqualTo(1);
    StaleVersionException e =
        catchThrowableOfType(
            StaleVersionException.class, () -> accounts.update(stale.setBalance(30L)));
    assertThat(e.id()).isEqualTo(a.getId());
    assertThat(e.actualVersion()).hasValue(1);
  }

  @Test
  void createAllDeleteAndTotal() {
    // given
    List<AccountsRecord> created =
        accounts.createAll(
            List.of(new AccountsRecord().setBalance(5L), new AccountsRecord().setBalance(7L)));
    long before = accounts.totalBalance();
    // when
    accounts.delete(created.get(0).getId());
    // then
    assertThat(created).allSatisfy(a -> assertThat(a.getId()).isNotNull());
    assertThat(accounts.totalBalance()).isEqualTo(before - 5);
    assertThat(
            catchThrowableOfType(
                NotFoundException.class, () -> accounts.delete(created.get(0).getId())))
        .isNotNull();
  }
}
