package dev.drydock.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A second embedded server plays the "external" PostgreSQL someone else runs. */
class ExternalServerTest {

  private static ThrowawayDatabase server;
  private static Path hba;

  @BeforeAll
  static void startServer() throws IOException {
    // passwords are checked for everyone but the superuser the provider itself connects as
    hba = Files.createTempFile("drydock-test-hba-", ".conf");
    Files.writeString(
        hba,
        "local all all trust\n"
            + "host all postgres 127.0.0.1/32 trust\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n");
    server =
        ThrowawayDatabase.start(
            ProviderSettings.configure()
                .kind(ProviderKind.EMBEDDED)
                .serverParameter("hba_file", hba.toString())
                .build());
    try (Connection c = server.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE ci LOGIN CREATEDB PASSWORD 's3cret-pw'");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stopServer() throws IOException {
    server.close();
    Files.deleteIfExists(hba);
  }

  @Test
  void externalProviderCreatesAUniqueTemporaryDatabaseAndDropsItOnClose() throws Exception {
    // given
    ProviderSettings settings =
        ProviderSettings.configure()
            .serverUrl(server.jdbcUrl())
            .user("ci")
            .password("s3cret-pw")
            .build();
    String name;
    // when
    try (ThrowawayDatabase db = ThrowawayDatabase.start(settings)) {
      name = db.databaseName();
      // then
      assertThat(db.kind()).isEqualTo(ProviderKind.EXTERNAL);
      assertThat(name).matches("drydock_tmp_[0-9a-z]+");
      assertThat(databases()).contains(name);
      try (Connection c = db.connect();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select current_database(), current_user")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo(name);
        assertThat(rs.getString(2)).isEqualTo("ci");
      }
      assertThat(db.description()).doesNotContain("s3cret-pw");
    }
    // then
    assertThat(databases()).doesNotContain(name);
  }

  @Test
  void wrongPasswordFailsWithOneLineThatNeverShowsThePassword() {
    ProviderSettings settings =
        ProviderSettings.configure()
            .serverUrl(server.jdbcUrl() + "?password=leaked-in-url")
            .user("ci")
            .password("wrong-pw")
            .build();

    assertThatThrownBy(() -> ThrowawayDatabase.start(settings))
        .isInstanceOf(ProviderException.class)
        .hasMessageStartingWith(
            "Cannot create a temporary database on jdbc:postgresql://127.0.0.1:")
        .hasMessageNotContaining("leaked-in-url")
        .hasMessageNotContaining("wrong-pw");
  }

  @Test
  void autoPrefersAnExplicitServerUrl() {
    ProviderSettings settings = ProviderSettings.configure().serverUrl(server.jdbcUrl()).build();

    assertThat(Providers.resolve(settings)).isEqualTo(ProviderKind.EXTERNAL);
  }

  @Test
  void autoWithoutUrlUsesDockerWhenItAnswersElseEmbedded() {
    long start = System.nanoTime();
    boolean docker = DockerProbe.dockerAnswers();
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(millis).as("the Docker probe never waits on a missing daemon").isLessThan(2_000);
    assertThat(Providers.resolve(ProviderSettings.defaults()))
        .isEqualTo(docker ? ProviderKind.TESTCONTAINERS : ProviderKind.EMBEDDED);
  }

  private static List<String> databases() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = server.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select datname from pg_database")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
