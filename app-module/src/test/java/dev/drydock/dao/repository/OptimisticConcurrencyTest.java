package dev.drydock.dao.repository;

import static dev.drydock.generated.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.dao.error.StaleVersionException;
import dev.drydock.dao.sample.UserRepository;
import dev.drydock.dao.testing.PostgresExtension;
import dev.drydock.dao.testing.TestDatabase;
import dev.drydock.generated.tables.records.UsersRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 16 threads each do 200 read-modify-write increments of the same few rows through the optimistic
 * update, retrying on Conflict. No update may be lost.
 */
@ExtendWith(PostgresExtension.class)
class OptimisticConcurrencyTest {

  private static final int THREADS = 16;
  private static final int INCREMENTS = 200;
  private static final int ROWS = 4;

  private final TestDatabase db;
  private final UserRepository users;

  OptimisticConcurrencyTest(TestDatabase db) {
    this.db = db;
    this.users = new UserRepository(db.drydock());
  }

  @Test
  void concurrentOptimisticIncrementsLoseNoUpdate() throws Exception {
    // given: a few counters (users.age) at 0
    int[] ids = new int[ROWS];
    for (int r = 0; r < ROWS; r++) {
      ids[r] =
          users
              .create(new UsersRecord().setName("c" + r).setEmail("c" + r + "@x").setAge(0))
              .getId();
    }
    AtomicLongArray successesPerRow = new AtomicLongArray(ROWS);
    AtomicLong attempts = new AtomicLong();
    AtomicLong conflicts = new AtomicLong();
    Map<String, Throwable> otherFailures = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    // when: every thread increments each row in turn, retrying until its update succeeds
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < INCREMENTS; i++) {
                  int row = (thread + i) % ROWS;
                  while (true) {
                    attempts.incrementAndGet();
                    UsersRecord read = users.findById(ids[row]).orElseThrow();
                    try {
                      users.update(read.setAge(read.getAge() + 1));
                      successesPerRow.incrementAndGet(row);
                      break;
                    } catch (StaleVersionException e) {
                      conflicts.incrementAndGet();
                    } catch (RuntimeException e) {
                      otherFailures.put(e.toString(), e);
                      break;
                    }
                  }
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
    // then: every failure was a Conflict, and every success is in the counters
    assertThat(otherFailures).isEmpty();
    long successes = 0;
    for (int r = 0; r < ROWS; r++) {
      UsersRecord row = users.findById(ids[r]).orElseThrow();
      assertThat(row.getAge()).as("counter %d", r).isEqualTo((int) successesPerRow.get(r));
      assertThat(row.getLockVersion()).as("version %d", r).isEqualTo((int) successesPerRow.get(r));
      successes += successesPerRow.get(r);
    }
    assertThat(successes).isEqualTo((long) THREADS * INCREMENTS);
    assertThat(
            db.dsl()
                .select(org.jooq.impl.DSL.sum(USERS.AGE))
                .from(USERS)
                .fetchSingle(0, Long.class))
        .isEqualTo((long) THREADS * INCREMENTS);
    assertThat(attempts.get()).isEqualTo(successes + conflicts.get());
    assertThat(conflicts.get()).as("contention happened").isPositive();
    System.out.printf(
        "[optimistic] %d threads x %d increments on %d rows: %d attempts, %d successes,"
            + " %d conflicts (retried), %d ms%n",
        THREADS, INCREMENTS, ROWS, attempts.get(), successes, conflicts.get(), millis);
  }
}
