package dev.drydock.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.bench.Corpus;
import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Drift;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.MigrationSummary;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The corpora of the {@code snapshots} benchmark applied for real with Flyway: every generated and
 * split migration must apply. Tagged {@code benchmark} (not in the default build): run with {@code
 * ./mvnw -o -pl benchmarks -am test -Ddrydock.excludedGroups=reliability -Dtest=CorpusApplyTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class CorpusApplyTest {

  @TempDir Path work;

  @Test
  void givenTheGeneratedHistory_whenAppliedWithFlyway_thenAllTwoHundredApply() throws Exception {
    List<MigrationFile> files = HistoryCorpus.configure().build().files();
    Path dir = MigrationFile.writeFirst(files, files.size(), work.resolve("history"));

    try (ThrowawayDatabase db =
        ThrowawayDatabase.start(ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build())) {
      MigrationSummary summary =
          Migrations.configure().location(dir).build().migrate(db.dataSource());

      assertThat(summary.applied()).isEqualTo(200);
      assertThat(summary.toVersion()).isEqualTo("200");
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        var rs =
            st.executeQuery(
                "SELECT (SELECT count(*) FROM pg_class WHERE relkind = 'r'"
                    + " AND relnamespace = 'public'::regnamespace),"
                    + " (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal),"
                    + " (SELECT count(*) FROM pg_type WHERE typtype = 'e')");
        rs.next();
        // the tables counted by the generator's test, plus audit_log and Flyway's history
        assertThat(rs.getInt(1)).isGreaterThan(50);
        assertThat(rs.getInt(2)).isGreaterThan(10);
        assertThat(rs.getInt(3)).isGreaterThan(5);
      }
    }
  }

  @Test
  void givenPagilaSplitIntoFortyFive_whenApplied_thenTheSameSchemaAsTheWholeDump()
      throws Exception {
    String dump = Corpus.pagilaWithoutPgvector();
    Path split = MigrationFile.writeFirst(PagilaSplit.split(dump, 45), 45, work.resolve("split"));
    Path whole = Files.createDirectories(work.resolve("whole"));
    Files.writeString(whole.resolve("V1__pagila.sql"), dump);

    try (ThrowawayDatabase db = ThrowawayDatabase.start(Corpus.PAGILA.provider())) {
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE split_pagila");
        st.execute("CREATE DATABASE whole_pagila");
      }
      MigrationSummary applied =
          Migrations.configure().location(split).build().migrate(dataSource(db, "split_pagila"));
      Migrations.configure().location(whole).build().migrate(dataSource(db, "whole_pagila"));

      assertThat(applied.applied()).isEqualTo(45);
      try (Connection a = db.connect("split_pagila");
          Connection b = db.connect("whole_pagila")) {
        DiffResult drift = Drift.between(new Introspector(), a, b, Set.of());
        assertThat(drift.differences()).isEmpty();
        assertThat(drift.expected().size()).isGreaterThan(100);
      }
    }
  }

  private static PGSimpleDataSource dataSource(ThrowawayDatabase db, String database) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(db.jdbcUrl(database));
    ds.setUser(db.user());
    ds.setPassword(db.password());
    return ds;
  }
}
