package dev.drydock.bench;

import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Drift;
import dev.drydock.diff.SchemaComparator;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.Migrations;
import dev.drydock.provider.ProviderKind;
import dev.drydock.provider.ProviderSettings;
import dev.drydock.provider.ThrowawayDatabase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Index;
import org.jooq.Meta;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The {@code diff} section: how long {@code drydock diff} takes to introspect both sides and
 * compare them, on generated schemas of 100, 1,000 and 2,000 tables.
 *
 * <p>Each schema is generated as migration SQL (a few enums; per table 9 columns of mixed types
 * with defaults and NOT NULLs, a primary key, a foreign key to the previous table and an index) and
 * applied with Flyway to two databases on one embedded server: the "migrated" side and the "live"
 * side, built from the same migrations, so the expected result is no drift. The apply is timed once
 * and reported apart. Then, several times per size (after warm-up): {@link Drift#between} (both
 * sides introspected concurrently, then compared) on already open connections. The baseline,
 * measured in the same run: jOOQ's {@link Meta} over JDBC metadata walking both 100-table databases
 * fully (tables, columns, keys, indexes, foreign keys), and once {@code Meta.migrateTo(Meta)},
 * jOOQ's own diff.
 */
final class DiffBench implements Section {

  static final int[] SIZES = {100, 1_000, 2_000};
  private static final String[] ENUMS = {"status", "priority", "kind"};
  private static final String[][] ENUM_VALUES = {
    {"new", "active", "closed"}, {"low", "normal", "high", "urgent"}, {"a", "b", "c", "d", "e"}
  };

  private final int runs;
  private final Path work;
  private final Consumer<String> progress;

  DiffBench(int runs, Path work, Consumer<String> progress) {
    this.runs = runs;
    this.work = work;
    this.progress = progress;
  }

  /** The Markdown part of the report. */
  @Override
  public String run() throws IOException, SQLException {
    Map<Integer, Stats> diff = new TreeMap<>();
    Map<Integer, Stats> oneSide = new TreeMap<>();
    Map<Integer, Stats> compareOnly = new TreeMap<>();
    Map<Integer, Double> cpuPerDiff = new TreeMap<>();
    Map<Integer, Stats> apply = new TreeMap<>();
    Map<Integer, Integer> objects = new TreeMap<>();
    Map<Integer, Integer> differences = new TreeMap<>();
    Map<String, List<Double>> perQuery = new LinkedHashMap<>();
    Map<String, Integer> perQueryRows = new LinkedHashMap<>();
    Stats metaWalk;
    double migrateTo;
    int migrateToQueries;
    ProviderSettings settings = ProviderSettings.configure().kind(ProviderKind.EMBEDDED).build();
    try (ThrowawayDatabase server = ThrowawayDatabase.start(settings)) {
      progress.accept("diff: embedded server " + server.description());
      Map<Integer, String[]> databases = new TreeMap<>();
      for (int size : SIZES) {
        Path migrations = writeMigrations(size);
        List<Double> applied = new ArrayList<>();
        String[] pair = new String[2];
        for (int side = 0; side < 2; side++) {
          pair[side] = "diff_" + size + (side == 0 ? "_migrated" : "_live");
          execute(server, server.databaseName(), "CREATE DATABASE " + pair[side]);
          long t = System.nanoTime();
          Migrations.configure()
              .location(migrations)
              .build()
              .migrate(dataSource(server, pair[side]));
          applied.add(millisSince(t));
        }
        apply.put(size, Stats.of(applied));
        databases.put(size, pair);
        progress.accept("diff: " + size + " tables applied twice in " + apply.get(size).millis());
      }
      Introspector introspector = new Introspector();
      Introspector timed =
          Introspector.configure()
              .listener(
                  (kind, rows, nanos) -> {
                    perQuery.computeIfAbsent(kind, k -> new ArrayList<>()).add(nanos / 1e6);
                    perQueryRows.put(kind, rows);
                  })
              .build();
      Map<Integer, Connection[]> connections = new TreeMap<>();
      Map<Integer, List<Double>> diffSamples = new TreeMap<>();
      Map<Integer, List<Double>> sideSamples = new TreeMap<>();
      Map<Integer, List<Double>> compareSamples = new TreeMap<>();
      Map<Integer, Double> cpuTotal = new TreeMap<>();
      List<Double> metaSamples = new ArrayList<>();
      try {
        for (int size : SIZES) {
          String[] pair = databases.get(size);
          connections.put(
              size, new Connection[] {server.connect(pair[0]), server.connect(pair[1])});
        }
        Connection[] small = connections.get(SIZES[0]);
        progress.accept("diff: warm-up (JIT, catalog caches)");
        for (int size : SIZES) {
          Connection[] c = connections.get(size);
          for (int i = 0; i < 2; i++) {
            Drift.between(introspector, c[0], c[1], Set.of());
          }
        }
        walk(DSL.using(small[0], SQLDialect.POSTGRES).meta());
        walk(DSL.using(small[1], SQLDialect.POSTGRES).meta());
        // round by round, every size and the baseline in each round: a load spike hits them all
        for (int round = 0; round < runs; round++) {
          for (int size : SIZES) {
            Connection[] c = connections.get(size);
            long[] backends = {backendPid(c[0]), backendPid(c[1])};
            double cpu = cpuMillis(backends);
            long t = System.nanoTime();
            DiffResult result = Drift.between(introspector, c[0], c[1], Set.of());
            diffSamples.computeIfAbsent(size, k -> new ArrayList<>()).add(millisSince(t));
            cpuTotal.merge(size, cpuMillis(backends) - cpu, Double::sum);
            objects.put(size, result.expected().size());
            differences.put(size, result.differences().size());
            if (result.hasDrift()) {
              progress.accept("diff: UNEXPECTED drift at " + size + ": " + result.differences());
            }
            t = System.nanoTime();
            Catalog expected = (size == 1_000 ? timed : introspector).load(c[0], Set.of());
            sideSamples.computeIfAbsent(size, k -> new ArrayList<>()).add(millisSince(t));
            Catalog actual = introspector.load(c[1], Set.of());
            t = System.nanoTime();
            SchemaComparator.compare(expected, actual);
            compareSamples.computeIfAbsent(size, k -> new ArrayList<>()).add(millisSince(t));
          }
          long t = System.nanoTime();
          int walkedA = walk(DSL.using(small[0], SQLDialect.POSTGRES).meta());
          int walkedB = walk(DSL.using(small[1], SQLDialect.POSTGRES).meta());
          metaSamples.add(millisSince(t));
          if (walkedA != walkedB) {
            progress.accept("diff: jOOQ Meta walked " + walkedA + " vs " + walkedB + " objects");
          }
          progress.accept(
              String.format(
                  Locale.ROOT,
                  "diff: round %d/%d: %s ms; jOOQ Meta walk at 100: %.0f ms",
                  round + 1,
                  runs,
                  diffSamples.entrySet().stream()
                      .map(
                          e ->
                              e.getKey()
                                  + " tables "
                                  + Math.round(e.getValue().get(e.getValue().size() - 1)))
                      .toList(),
                  metaSamples.get(round)));
        }
        diffSamples.forEach((size, samples) -> diff.put(size, Stats.of(samples)));
        sideSamples.forEach((size, samples) -> oneSide.put(size, Stats.of(samples)));
        compareSamples.forEach((size, samples) -> compareOnly.put(size, Stats.of(samples)));
        metaWalk = Stats.of(metaSamples);
        cpuTotal.forEach((size, total) -> cpuPerDiff.put(size, total / runs));
        progress.accept("diff: jOOQ Meta.migrateTo at 100 tables (once)");
        long t = System.nanoTime();
        migrateToQueries =
            DSL.using(small[0], SQLDialect.POSTGRES)
                .meta()
                .filterSchemas(s -> s.getName().equals("public"))
                .migrateTo(
                    DSL.using(small[1], SQLDialect.POSTGRES)
                        .meta()
                        .filterSchemas(s -> s.getName().equals("public")))
                .queries()
                .length;
        migrateTo = millisSince(t);
      } finally {
        for (Connection[] pair : connections.values()) {
          for (Connection c : pair) {
            c.close();
          }
        }
      }
    }
    return report(
        diff,
        cpuPerDiff,
        oneSide,
        compareOnly,
        apply,
        objects,
        differences,
        perQuery,
        perQueryRows,
        metaWalk,
        migrateTo,
        migrateToQueries);
  }

  private String report(
      Map<Integer, Stats> diff,
      Map<Integer, Double> cpuPerDiff,
      Map<Integer, Stats> oneSide,
      Map<Integer, Stats> compareOnly,
      Map<Integer, Stats> apply,
      Map<Integer, Integer> objects,
      Map<Integer, Integer> differences,
      Map<String, List<Double>> perQuery,
      Map<String, Integer> perQueryRows,
      Stats metaWalk,
      double migrateTo,
      int migrateToQueries) {
    StringBuilder r = new StringBuilder("## Diff: introspect both sides and compare\n\n");
    r.append(Machine.sectionLoad())
        .append("Generated schemas (3 enums; per table 9 columns of mixed types with defaults and")
        .append(" NOT NULLs, a primary key, a foreign key and an index), applied with Flyway to a")
        .append(" migrated and a live database on one embedded server. Timed: `Drift.between`")
        .append(" (both sides introspected concurrently on open connections, then compared),")
        .append(" one side alone and the comparison alone; ")
        .append(runs)
        .append(" rounds after 2 warm-up runs, every size and the baseline in each round so that a")
        .append(" load spike hits them all. Baseline, in the same rounds: jOOQ `Meta` (JDBC")
        .append(" metadata) walking both 100-table databases fully (tables, columns, keys, foreign")
        .append(" keys, indexes, checks). Medians (min–max). CPU per diff: this JVM's process CPU")
        .append(" time plus both PostgreSQL backends' (`/proc/PID/stat`, 10 ms ticks) during")
        .append(" `Drift.between`, averaged over the rounds: unlike wall time, other processes'")
        .append(" load does not inflate it, and it is the wall time's floor on one core.\n\n")
        .append("| tables | objects per side | differences | introspect both + compare |")
        .append(" × jOOQ Meta walk at 100 | CPU per diff (JVM + both backends, mean) |")
        .append(" one side alone | compare alone | migrations applied (per side) |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    for (int size : diff.keySet()) {
      r.append("| ")
          .append(String.format(Locale.ROOT, "%,d", size))
          .append(" | ")
          .append(objects.get(size))
          .append(" | ")
          .append(differences.get(size))
          .append(" | ")
          .append(diff.get(size).millis())
          .append(" | ")
          .append(diff.get(size).ratioTo(metaWalk))
          .append(String.format(Locale.ROOT, " | %.0f ms | ", cpuPerDiff.get(size)))
          .append(oneSide.get(size).millis())
          .append(" | ")
          .append(compareOnly.get(size).millis())
          .append(" | ")
          .append(apply.get(size).millis())
          .append(" |\n");
    }
    r.append("| 100, jOOQ `Meta` walk (baseline) | | | ")
        .append(metaWalk.millis())
        .append(" | 1.00x | | | | |\n\n");
    r.append(
        String.format(
            Locale.ROOT,
            "jOOQ `Meta.migrateTo(Meta)` (its own diff) at 100 tables, once: %.0f ms"
                + " (%d statements, expected 0) = %.0fx Drydock's 100-table diff.%n%n",
            migrateTo,
            migrateToQueries,
            migrateTo / diff.get(100).median()));
    Stats thousand = diff.get(1_000);
    Stats twoThousand = diff.get(2_000);
    double growth = twoThousand.median() / thousand.median();
    boolean noDrift = differences.values().stream().allMatch(d -> d == 0);
    r.append("| target | measured | met? |\n|---|---|---|\n")
        .append("| 1,000 tables introspected on both sides and compared ≤ 0.4 s | ")
        .append(thousand.millis())
        .append(" | ")
        .append(thousand.median() <= 400 ? "**yes**" : "**no**")
        .append(" |\n| linear growth: 2,000 ≤ 2.2× 1,000 | ")
        .append(String.format(Locale.ROOT, "%.2fx", growth))
        .append(" | ")
        .append(growth <= 2.2 ? "**yes**" : "**no**")
        .append(" |\n| no drift between identical migrations | ")
        .append(differences.values())
        .append(" differences | ")
        .append(noDrift ? "**yes**" : "**no**")
        .append(" |\n| faster than jOOQ `Meta` (100 tables, both sides) | ")
        .append(diff.get(100).ratioTo(metaWalk))
        .append(" of its time | ")
        .append(diff.get(100).median() < metaWalk.median() ? "**yes**" : "**no**")
        .append(" |\n\n");
    r.append("Where one side's time goes at 1,000 tables (one catalog query per object kind,")
        .append(" sequential on one connection):\n\n| query | rows | time |\n|---|---|---|\n");
    double total = 0;
    for (var e : perQuery.entrySet()) {
      Stats s = Stats.of(e.getValue());
      total += s.median();
      r.append("| ")
          .append(e.getKey())
          .append(" | ")
          .append(perQueryRows.get(e.getKey()))
          .append(" | ")
          .append(s.millis())
          .append(" |\n");
    }
    r.append(String.format(Locale.ROOT, "| sum of medians | | %.0f ms |%n%n", total));
    return r.toString();
  }

  /** Walks everything {@code drydock diff} would compare that jOOQ's Meta exposes. */
  private static int walk(Meta meta) {
    int n = 0;
    for (Schema schema : meta.getSchemas()) {
      if (!schema.getName().equals("public")) {
        continue;
      }
      for (Table<?> table : schema.getTables()) {
        n++;
        for (Field<?> field : table.fields()) {
          n += field.getDataType().nullable() ? 1 : 2;
          n += field.getDataType().defaulted() ? 1 : 0;
        }
        UniqueKey<?> pk = table.getPrimaryKey();
        n += pk == null ? 0 : pk.getFields().size();
        for (UniqueKey<?> key : table.getUniqueKeys()) {
          n += key.getFields().size();
        }
        for (ForeignKey<?, ?> fk : table.getReferences()) {
          n += fk.getFields().size() + fk.getKeyFields().size();
        }
        for (Index index : table.getIndexes()) {
          n += index.getFields().size();
        }
        n += table.getChecks().size();
      }
    }
    return n;
  }

  /** V1: the enums; then one file per 250 tables. */
  Path writeMigrations(int tables) throws IOException {
    Path dir = Files.createDirectories(work.resolve("diff-migrations-" + tables));
    StringBuilder types = new StringBuilder();
    for (int e = 0; e < ENUMS.length; e++) {
      types.append("CREATE TYPE ").append(ENUMS[e]).append(" AS ENUM (");
      for (int v = 0; v < ENUM_VALUES[e].length; v++) {
        types.append(v == 0 ? "'" : ", '").append(ENUM_VALUES[e][v]).append('\'');
      }
      types.append(");\n");
    }
    Files.writeString(dir.resolve("V1__enums.sql"), types, StandardCharsets.UTF_8);
    int version = 2;
    for (int from = 1; from <= tables; from += 250) {
      StringBuilder sql = new StringBuilder();
      for (int i = from; i < Math.min(from + 250, tables + 1); i++) {
        sql.append(table(i));
      }
      Files.writeString(
          dir.resolve("V" + version++ + "__tables_" + from + ".sql"), sql, StandardCharsets.UTF_8);
    }
    return dir;
  }

  /**
   * Table {@code i}: 9 columns, a primary key, a foreign key to table i-1 (self for 1), an index.
   */
  static String table(int i) {
    String name = String.format(Locale.ROOT, "t%04d", i);
    String parent = String.format(Locale.ROOT, "t%04d", Math.max(1, i - 1));
    int e = i % ENUMS.length;
    return "CREATE TABLE "
        + name
        + " (\n"
        + "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
        + "  parent_id bigint REFERENCES "
        + parent
        + " (id) ON DELETE CASCADE,\n"
        + "  name text NOT NULL DEFAULT '',\n"
        + "  code varchar(32) NOT NULL DEFAULT 'x',\n"
        + "  amount numeric(12, 2) NOT NULL DEFAULT 0,\n"
        + "  "
        + ENUMS[e]
        + " "
        + ENUMS[e]
        + " NOT NULL DEFAULT '"
        + ENUM_VALUES[e][0]
        + "',\n"
        + "  active boolean NOT NULL DEFAULT true,\n"
        + "  created_at timestamptz NOT NULL DEFAULT now(),\n"
        + "  payload jsonb DEFAULT '{}'\n"
        + ");\n"
        + "CREATE INDEX "
        + name
        + "_name_idx ON "
        + name
        + " (name, created_at DESC);\n";
  }

  private static long backendPid(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** CPU time consumed so far by this JVM and the given server backends, in milliseconds. */
  private static double cpuMillis(long[] backends) {
    double ms =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()
            / 1e6;
    for (long pid : backends) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // after "pid (comm) ": state is field 3, utime field 14, stime field 15
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ms += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0;
      } catch (IOException | RuntimeException e) {
        return Double.NaN; // not Linux, or the server runs elsewhere
      }
    }
    return ms;
  }

  private static PGSimpleDataSource dataSource(ThrowawayDatabase server, String database) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(server.jdbcUrl(database));
    ds.setUser(server.user());
    ds.setPassword(server.password());
    return ds;
  }

  private static void execute(ThrowawayDatabase server, String database, String sql)
      throws SQLException {
    try (Connection c = server.connect(database);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static double millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e6;
  }
}
