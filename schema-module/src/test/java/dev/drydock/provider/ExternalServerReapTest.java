package dev.drydock.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.ChildProcess;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Temporary databases of runs killed with SIGKILL are dropped by the next external run. */
@ExtendWith(SharedPostgres.class)
class ExternalServerReapTest {

  @TempDir Path root;

  @Test
  void givenARunKilledWithItsTemporaryDatabase_whenTheNextRunStarts_thenItDropsItInOneLine(
      TestServer server) throws Exception {
    // given: a run SIGKILLed while its drydock_tmp_* database exists, and a database whose owner
    // runs on another host
    String killed;
    try (ChildProcess child =
        ChildProcess.java(
            List.of(),
            ExternalServerChild.class.getName(),
            List.of(server.serverUrl(), server.user()),
            root)) {
      child.awaitOutput("created ", Duration.ofSeconds(60));
      killed = child.output().substring(child.output().indexOf("created ") + 8).strip();
      child.signal("KILL");
      assertThat(child.awaitExit(Duration.ofSeconds(30))).isEqualTo(137);
    }
    assertThat(databases(server)).contains(killed);
    String elsewhere = "drydock_tmp_elsewhere1";
    server.execute(server.server().databaseName(), "CREATE DATABASE " + elsewhere);
    server.execute(
        server.server().databaseName(),
        "COMMENT ON DATABASE "
            + elsewhere
            + " IS 'drydock-owner pid=1 start=2020-01-01T00:00:00Z host=another-host'");

    // when: the next run starts on the same server
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    String created;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (ThrowawayDatabase db =
        ThrowawayDatabase.start(
            ProviderSettings.configure()
                .kind(ProviderKind.EXTERNAL)
                .serverUrl(server.serverUrl())
                .user(server.user())
                .build())) {
      created = db.databaseName();
      System.setErr(stderr);

      // then: the dead run's database is gone, said in one line; the other host's is kept
      List<String> now = databases(server);
      assertThat(now).doesNotContain(killed).contains(elsewhere, created);
      assertThat(captured.toString(StandardCharsets.UTF_8))
          .isEqualTo(
              "drydock: dropped 1 temporary database(s) left on "
                  + server.serverUrl().replaceAll("/[^/]*$", "")
                  + " by killed runs: "
                  + killed
                  + System.lineSeparator());
    } finally {
      System.setErr(stderr);
      server.dropDatabase(elsewhere);
    }
  }

  private static List<String> databases(TestServer server) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = server.connect(server.server().databaseName());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT datname FROM pg_database")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
