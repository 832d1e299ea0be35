package dev.drydock.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Time per page of the rows grid on a 1,000,000-row table, through the studio's HTTP API, for the
 * first, a middle and the last page, against hand-written JDBC of the same keyset query and an
 * OFFSET query. Not in the default build: {@code ./mvnw -B -o test -pl schema-module
 * -Dtest=StudioPageBenchmark -Ddrydock.excludedGroups=reliability
 * -Dsurefire.failIfNoSpecifiedTests=false}. Prints a table and writes it to {@code
 * target/studio-benchmark.txt}.
 */
@Tag("benchmark")
@ExtendWith(SharedPostgres.class)
class StudioPageBenchmark {

  private static final int ROWS = 1_000_000;
  private static final int PAGE = 50;
  private static final int RUNS = 25;

  @Test
  void pagesOfAMillionRowTable(TestServer server) throws Exception {
    try (StudioFixture db = new StudioFixture(server)) {
      long loadStart = System.nanoTime();
      db.execute(
          "CREATE TABLE events (id bigint PRIMARY KEY, user_id int NOT NULL, kind text NOT NULL,"
              + " payload jsonb, created_at timestamptz NOT NULL, lock_version int NOT NULL DEFAULT 0);"
              + " INSERT INTO events (id, user_id, kind, payload, created_at)"
              + " SELECT i, i % 1000, 'kind' || (i % 17), jsonb_build_object('n', i),"
              + " timestamptz '2026-01-01' + i * interval '1 second'"
              + " FROM generate_series(1, "
              + ROWS
              + ") i;"
              + " CREATE INDEX events_created_at ON events (created_at); ANALYZE events;");
      long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
      try (Studio studio = db.start(false);
          Connection jdbc = db.connect()) {
        StudioClient client = new StudioClient(studio.base(), studio.token());
        Map<String, double[]> results = new LinkedHashMap<>();
        String middle = String.valueOf(ROWS / 2);
        String last = String.valueOf(ROWS - PAGE);
        results.put("studio, by id, first page", time(() -> page(client, Map.of())));
        results.put(
            "studio, by id, middle page",
            time(() -> page(client, Map.of("after", "[\"" + middle + "\"]"))));
        results.put(
            "studio, by id, last page",
            time(() -> page(client, Map.of("after", "[\"" + last + "\"]"))));
        results.put(
            "studio, by created_at desc, middle page",
            time(
                () ->
                    page(
                        client,
                        Map.of(
                            "sort", "created_at",
                            "dir", "desc",
                            "after", "[\"2026-01-06T18:53:20+00:00\", \"" + middle + "\"]"))));
        results.put(
            "studio, filter user_id = 7, first page",
            time(
                () ->
                    page(
                        client,
                        Map.of(
                            "filters",
                            "[{\"column\":\"user_id\",\"op\":\"eq\",\"value\":\"7\"}]"))));
        results.put(
            "studio, estimated count",
            time(() -> client.get("/api/count?schema=public&table=events").status()));
        results.put(
            "JDBC baseline, keyset by id, middle",
            time(
                () ->
                    jdbcPage(
                        jdbc,
                        "SELECT * FROM events WHERE id > ? ORDER BY id LIMIT " + PAGE,
                        ROWS / 2)));
        results.put(
            "JDBC baseline, keyset by id, last",
            time(
                () ->
                    jdbcPage(
                        jdbc,
                        "SELECT * FROM events WHERE id > ? ORDER BY id LIMIT " + PAGE,
                        ROWS - PAGE)));
        results.put(
            "JDBC OFFSET (not used), middle",
            time(
                () ->
                    jdbcPage(
                        jdbc,
                        "SELECT * FROM events ORDER BY id LIMIT " + PAGE + " OFFSET ?",
                        ROWS / 2)));
        results.put(
            "JDBC OFFSET (not used), last",
            time(
                () ->
                    jdbcPage(
                        jdbc,
                        "SELECT * FROM events ORDER BY id LIMIT " + PAGE + " OFFSET ?",
                        ROWS - PAGE)));

        StringBuilder report = new StringBuilder();
        report.append(
            String.format(
                "studio pages of %,d rows (%d per page), %d runs each; table loaded in %,d ms%n",
                ROWS, PAGE, RUNS, loadMs));
        report.append(String.format("%-45s %10s %10s%n", "", "median ms", "p90 ms"));
        results.forEach(
            (name, ms) ->
                report.append(String.format("%-45s %10.1f %10.1f%n", name, ms[0], ms[1])));
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "studio-benchmark.txt"), report);
        assertThat(results.get("studio, by id, last page")[0]).isLessThan(100);
        assertThat(results.get("studio, by id, middle page")[0]).isLessThan(100);
      }
    }
  }

  private static int page(StudioClient client, Map<String, String> extra)
      throws IOException, InterruptedException {
    Map<String, String> p =
        new LinkedHashMap<>(
            Map.of("schema", "public", "table", "events", "limit", String.valueOf(PAGE)));
    p.putAll(extra);
    StudioClient.Reply r = client.get("/api/rows?" + StudioClient.query(p));
    if (r.status() != 200) {
      throw new AssertionError(r.body());
    }
    JsonNode rows = r.json().get("rows");
    if (rows.size() != PAGE) {
      throw new AssertionError("expected a full page, got " + rows.size());
    }
    return rows.size();
  }

  private static int jdbcPage(Connection c, String sql, long parameter) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, parameter);
      int n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          for (int i = 1; i <= 6; i++) {
            rs.getString(i);
          }
          n++;
        }
      }
      return n;
    }
  }

  /** Median and 90th percentile in ms of {@link #RUNS} calls after 3 warm-up calls. */
  private static double[] time(Callable<?> call) throws Exception {
    for (int i = 0; i < 3; i++) {
      call.call();
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      call.call();
      ms.add((System.nanoTime() - start) / 1e6);
    }
    double[] sorted = ms.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return new double[] {sorted[RUNS / 2], sorted[(int) (RUNS * 0.9)]};
  }
}
