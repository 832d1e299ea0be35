package dev.drydock.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CrashableServerTest {

  @Test
  void crashKillsPostmasterAndBackendsAndRestartRecoversCommittedDataOnTheSamePort()
      throws Exception {
    // given: a committed row and an open session with a backend of its own
    Leftovers before = Leftovers.now();
    Path workDir;
    try (ThrowawayDatabase db =
        ThrowawayDatabase.start(
            ProviderSettings.configure()
                .kind(ProviderKind.EMBEDDED)
                .serverParameter("synchronous_commit", "on")
                .build())) {
      workDir = ((EmbeddedPostgres) db).workDirectory();
      CrashableServer server = db.crashable().orElseThrow();
      String url = db.jdbcUrl();
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute("create table kept (id int primary key)");
        st.execute("insert into kept values (1)");
      }
      Connection open = db.connect();
      long backend = backendPid(open);
      long postmaster = server.postmasterPid();

      // when
      List<Long> killed = server.crash();

      // then: both processes are gone and the open session is reset
      assertThat(killed).startsWith(postmaster).contains(backend);
      assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(ProcessHandle.of(backend).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      SQLException reset = catchThrowableOfType(SQLException.class, () -> backendPid(open));
      assertThat(reset.getSQLState()).isEqualTo("08006");
      open.close();
      assertThatThrownBy(server::crash).isInstanceOf(IllegalStateException.class);

      // when
      server.restart();

      // then: same URL, the committed row survived the crash
      assertThat(db.jdbcUrl()).isEqualTo(url);
      assertThat(server.postmasterPid()).isNotEqualTo(postmaster);
      try (Connection c = db.connect();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select count(*) from kept where id = 1")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
      assertThatThrownBy(server::restart).isInstanceOf(IllegalStateException.class);
    }
    // then: close after a crash and restart leaves nothing behind
    assertThat(workDir).doesNotExist();
    Leftovers.now().assertNothingNewSince(before);
  }

  @Test
  void frozenServerKeepsConnectionsOpenButAnswersNothingUntilThawed() throws Exception {
    // given
    Leftovers before = Leftovers.now();
    Path workDir;
    try (ThrowawayDatabase db =
        ThrowawayDatabase.start(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build())) {
      workDir = ((EmbeddedPostgres) db).workDirectory();
      CrashableServer server = db.crashable().orElseThrow();
      Properties oneSecond = new Properties();
      oneSecond.setProperty("user", db.user());
      oneSecond.setProperty("socketTimeout", "1");
      Connection open = DriverManager.getConnection(db.jdbcUrl(), oneSecond);
      long backend = backendPid(open);

      // when
      List<Long> frozen = server.freeze();

      // then: the processes live, the query times out on the client side only
      assertThat(frozen).startsWith(server.postmasterPid()).contains(backend);
      assertThat(ProcessHandle.of(backend).map(ProcessHandle::isAlive).orElse(false)).isTrue();
      long start = System.nanoTime();
      SQLException silent = catchThrowableOfType(SQLException.class, () -> backendPid(open));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(silent.getSQLState()).isEqualTo("08006");
      assertThat((Throwable) silent).hasRootCauseInstanceOf(SocketTimeoutException.class);
      assertThat(millis).isBetween(900L, 5_000L);
      open.close();

      // when
      server.thaw();

      // then
      try (Connection c = db.connect()) {
        assertThat(backendPid(c)).isPositive();
      }
      server.freeze(); // close() thaws before stopping
    }
    assertThat(workDir).doesNotExist();
    Leftovers.now().assertNothingNewSince(before);
  }

  private static long backendPid(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
