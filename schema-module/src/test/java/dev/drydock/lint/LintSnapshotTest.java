package dev.drydock.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.snapshot.MigratedDatabase;
import dev.drydock.snapshot.SnapshotCache;
import dev.drydock.snapshot.SnapshotSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lint starts the throwaway from the snapshot of the unchanged prefix, and never saves the new
 * migrations' state as that snapshot.
 */
class LintSnapshotTest {

  private final Path cache = LintTestCache.dir();
  @TempDir Path project;
  @TempDir Path prefixOnly;

  @Test
  void theSecondLintStartsFromThePrefixSnapshotWhichStaysThePrefix() throws Exception {
    // given V1 (production) and V2 (new), and a cold snapshot cache
    SnapshotCache.at(cache).clear();
    Files.writeString(
        project.resolve("V1__t.sql"), "CREATE TABLE t (id int PRIMARY KEY, n int);\n");
    Files.writeString(
        project.resolve("V2__widen.sql"), "ALTER TABLE t ALTER COLUMN n TYPE bigint;\n");
    ProviderSettings provider =
        ProviderSettings.configure().kind(ProviderKind.EMBEDDED).cacheDirectory(cache).build();
    Lint lint =
        Lint.configure()
            .provider(provider)
            .snapshots(SnapshotSettings.defaults())
            .migrations(Migrations.configure().location(project).build())
            .newMigrations(NewMigrations.since("1"))
            .build();

    // when V2 is linted twice
    LintReport cold = lint.run();
    LintReport warm = lint.run();

    // then both observe the rewrite, and the second reads the observation kept with V1's snapshot
    assertThat(cold.of("table-rewrite")).hasSize(1);
    assertThat(warm.of("table-rewrite"))
        .extracting(f -> f.where())
        .containsExactly("V2__widen.sql:1");
    assertThat(warm.startedFrom()).isEqualTo("snapshot V1, observation kept from an earlier run");
    // and that snapshot still is V1 alone: n is an integer there, not V2's bigint
    Files.copy(project.resolve("V1__t.sql"), prefixOnly.resolve("V1__t.sql"));
    try (MigratedDatabase v1 =
            MigratedDatabase.configure()
                .provider(provider)
                .migrations(Migrations.configure().location(prefixOnly).build())
                .start();
        Connection c = v1.database().connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 't'::regclass AND attname = 'n'")) {
      assertThat(v1.startedFrom()).isEqualTo("snapshot V1");
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("integer");
    }
  }
}
