package dev.drydock.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

  @Test
  void embeddedServerStartsAnswersQueriesAndLeavesNothingBehindWhenClosed() throws Exception {
    // given
    EmbeddedPostgres db;
    long pid;
    Path workDir;
    // when
    try (EmbeddedPostgres started =
        EmbeddedPostgres.start(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build())) {
      db = started;
      pid = started.pid();
      workDir = started.workDirectory();
      try (Connection c = started.connect();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "select current_user, current_setting('fsync'),"
                      + " current_setting('dynamic_shared_memory_type')")) {
        rs.next();
        // then
        assertThat(rs.getString(1)).isEqualTo("postgres");
        assertThat(rs.getString(2)).isEqualTo("off");
        // segments live in the data directory, so even a killed server leaves none in /dev/shm
        assertThat(rs.getString(3)).isEqualTo("mmap");
      }
      assertThat(started.description()).startsWith("embedded PostgreSQL 17.");
      assertThat(started.jdbcUrl()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/postgres");
      assertThat(Files.isDirectory(workDir)).isTrue();
    }
    // then
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    assertThat(process.map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(workDir).doesNotExist();
    db.close(); // idempotent
  }
}
