package dev.drydock.dao.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.dao.error.DatabaseException;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.dao.tx.Isolation;
import dev.drydock.dao.tx.TransactionRetry;
import dev.drydock.generated.tables.records.AccountsRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Serializable transfers between a few accounts under contention, through the retry helper. */
@ExtendWith(PostgresExtension.class)
class TransferConcurrencyTest {

  private static final int ACCOUNTS = 5;
  private static final long INITIAL = 100_000;
  private static final int THREADS = 8;
  private static final int TRANSFERS = 100;

  private final DSLContext dsl;
  private final AccountRepository accounts;

  TransferConcurrencyTest(TestDatabase db) {
    this.dsl = db.dsl();
    this.accounts = new AccountRepository(db.drydock());
  }

  @Test
  void serializableTransfersUnderContentionKeepTheTotalAndAllApply() throws Exception {
    // given
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      ids.add(accounts.create(null, INITIAL).getId());
    }
    LongAdder retries = new LongAdder();
    Map<String, LongAdder> retriedBySqlState = new ConcurrentHashMap<>();
    TransactionRetry retry =
        TransactionRetry.configure()
            .isolation(Isolation.SERIALIZABLE)
            .maxAttempts(100)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(20))
            .listener(
                (attempt, failure, backoff) -> {
                  retries.increment();
                  String state =
                      failure instanceof DatabaseException d ? d.sqlState().orElse("?") : "?";
                  retriedBySqlState.computeIfAbsent(state, s -> new LongAdder()).increment();
                })
            .build();
    Map<UUID, AtomicLong> expected = new ConcurrentHashMap<>();
    Map<UUID, AtomicLong> touches = new ConcurrentHashMap<>();
    ids.forEach(id -> expected.put(id, new AtomicLong(INITIAL)));
    ids.forEach(id -> touches.put(id, new AtomicLong()));
    LongAdder applied = new LongAdder();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    // when: each thread moves random small amounts between random pairs
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Random random = new Random(t);
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < TRANSFERS; i++) {
                  UUID from = ids.get(random.nextInt(ACCOUNTS));
                  UUID to =
                      ids.get((ids.indexOf(from) + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS);
                  long amount = 1 + random.nextInt(10);
                  retry.run(
                      dsl,
                      tx -> {
                        AccountRepository repo = accounts.using(tx);
                        // read both balances first: makes the transaction's reads part of the
                        // serializable conflict detection
                        long before = repo.findById(from).orElseThrow().getBalance();
                        assertThat(before).isGreaterThanOrEqualTo(amount);
                        repo.transfer(from, to, amount);
                        return null;
                      });
                  expected.get(from).addAndGet(-amount);
                  expected.get(to).addAndGet(amount);
                  touches.get(from).incrementAndGet();
                  touches.get(to).incrementAndGet();
                  applied.increment();
                }
                return null;
              }));
    }
    long began = System.nanoTime();
    start.countDown();
    for (Future<?> f : done) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    // then
    assertThat(applied.sum()).isEqualTo((long) THREADS * TRANSFERS);
    assertThat(accounts.totalBalance()).isEqualTo(ACCOUNTS * INITIAL);
    for (UUID id : ids) {
      AccountsRecord a = accounts.findById(id).orElseThrow();
      assertThat(a.getBalance()).as("balance of %s", id).isEqualTo(expected.get(id).get());
      assertThat(a.getLockVersion()).as("version of %s", id).isEqualTo((int) touches.get(id).get());
    }
    assertThat(retries.sum()).as("contention happened").isPositive();
    assertThat(retriedBySqlState.keySet()).isSubsetOf("40001", "40P01");
    System.out.printf(
        "[transfers] %d threads x %d serializable transfers on %d accounts: %d applied,"
            + " %d retries %s, %d ms%n",
        THREADS, TRANSFERS, ACCOUNTS, applied.sum(), retries.sum(), retriedBySqlState, millis);
  }
}
