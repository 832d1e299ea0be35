package dev.drydock.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds that start embedded servers at the same time share the cache without colliding. */
class ConcurrentStartTest {

  @TempDir Path cache;

  @Test
  void threeServersStartingAtOnceOnAnEmptyCacheAllComeUpOnTheirOwnPorts() throws Exception {
    // given: an empty cache, so all three race to extract binaries and create the cluster template
    ProviderSettings settings =
        ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cache).build();
    CountDownLatch go = new CountDownLatch(1);
    Callable<Integer> startAndQuery =
        () -> {
          go.await();
          try (EmbeddedPostgres db = EmbeddedPostgres.start(settings);
              Connection c = db.connect();
              Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("select inet_server_port()")) {
            rs.next();
            return rs.getInt(1);
          }
        };
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> ports = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ports.add(pool.submit(startAndQuery));
      }
      // when
      go.countDown();
      // then
      List<Integer> seen = new ArrayList<>();
      for (Future<Integer> port : ports) {
        seen.add(port.get());
      }
      assertThat(seen).doesNotHaveDuplicates().hasSize(3);
    } finally {
      pool.shutdownNow();
    }
  }
}
