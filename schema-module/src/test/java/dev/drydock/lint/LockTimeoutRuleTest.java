package dev.drydock.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.lint.rules.Finding;
import dev.drydock.migrate.Migrations;
import dev.drydock.snapshot.SnapshotSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lock-timeout} reads the timeouts observed while each statement ran. */
class LockTimeoutRuleTest {

  @TempDir Path project;

  @Test
  void aStatementTimeoutBoundsTheLockWaitSoOnlyTheUnboundedStatementIsReported() throws Exception {
    // given production's table t, then a migration whose ALTER runs under SET LOCAL
    // statement_timeout (which counts the time waiting for the lock), then one with no timeout
    Files.writeString(
        project.resolve("V1__t.sql"),
        "CREATE TABLE t (id int PRIMARY KEY, n int);\nINSERT INTO t VALUES (1, 1);\n");
    Files.writeString(
        project.resolve("V2__bounded.sql"),
        "SET LOCAL statement_timeout = '30s';\nALTER TABLE t ALTER COLUMN n TYPE bigint;\n");
    Files.writeString(
        project.resolve("V3__unbounded.sql"), "ALTER TABLE t ALTER COLUMN n TYPE numeric;\n");

    // when V2 and V3 are linted
    LintReport report =
        Lint.configure()
            .provider(LintServers.major(17, LintTestCache.dir()))
            .snapshots(SnapshotSettings.disabled())
            .migrations(Migrations.configure().location(project).build())
            .newMigrations(NewMigrations.since("1"))
            .build()
            .run();

    // then both rewrite t, but only V3 waits for its lock without a bound
    assertThat(report.of("table-rewrite"))
        .extracting(Finding::where)
        .containsExactly("V2__bounded.sql:2", "V3__unbounded.sql:1");
    assertThat(report.of("lock-timeout"))
        .extracting(Finding::where)
        .containsExactly("V3__unbounded.sql:1");
  }
}
