package dev.drydock.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.diff.DiffResult;
import dev.drydock.diff.Drift;
import dev.drydock.diff.sql.PlannedScript;
import dev.drydock.diff.sql.SqlRenderer;
import dev.drydock.introspect.Introspector;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever the names (newlines, carriage returns, {@code * /}, {@code --}, {@code ;},
 * quotes, backslashes, parentheses, SQL of their own, non-ASCII, 63 bytes long) of schemas, tables,
 * columns, constraints, indexes, enum labels, functions and roles, the SQL of {@code diff --format
 * sql} and of {@code pull} runs exactly the planned statements and nothing else, and applying it
 * leaves no drift.
 *
 * <p>"Exactly the planned statements" is decided by PostgreSQL itself: an event trigger records
 * every DDL command the server parses and runs (its tag and object), once for the whole script as
 * written (comments, notes, warnings and all) and once for the planner's statements sent one by
 * one; the two records must be equal. A name that turned a comment into SQL would add a command.
 */
@ExtendWith(SharedPostgres.class)
class HostileIdentifierPropertyTest {

  /** 2 seeds in the default build, 30 with {@code -Preliability}. */
  private static final int SEEDS = Integer.getInteger("drydock.hostileSeeds", 2);

  private static final List<String> PIECES =
      List.of(
          "\n",
          "\r",
          "\r\n",
          "\n\n",
          "*/",
          "/*",
          "--",
          ";",
          "\"",
          "'",
          "\\",
          ")",
          "(",
          " ",
          "$$",
          "\t",
          "é",
          "日本語",
          "🙂",
          "\nDROP TABLE public.sentinel CASCADE; --",
          "\r\nDROP TABLE public.sentinel; /*",
          "\n\nCOMMIT;\nDROP TABLE public.sentinel;\n",
          "*/ DROP TABLE public.sentinel; /*",
          "'); DROP TABLE public.sentinel; --",
          "SET check_function_bodies",
          "-- DESTRUCTIVE: ",
          "Select",
          "user",
          "x");

  private static final Introspector INTROSPECTOR = Introspector.configure().build();

  @TempDir Path temp;

  @Test
  void hostileNamesOfEveryKindRunOnlyThePlannedStatementsAndReconcile(TestServer server)
      throws Exception {
    for (int seed = 0; seed < SEEDS; seed++) {
      check(server, new Random(20261205L + seed), seed);
    }
  }

  private void check(TestServer server, Random random, int seed) throws Exception {
    Names n = new Names(random);
    String role = n.next();
    String schema = n.next();
    String newSchema = n.next();
    List<String> schemas = List.of("public", schema, newSchema);
    String model = server.createDatabase("hostile_model", null);
    String target = server.createDatabase("hostile_target", null);
    List<String> copies = new ArrayList<>();
    server.execute(model, "CREATE ROLE " + q(role));
    try {
      // given: the desired state (model) and a database that differs from it by hostile names
      String enumType = n.next();
      String table = n.next();
      String renamedTable = n.next();
      String dropped = n.next();
      String c1 = n.next();
      String c2 = n.next();
      String renamedColumn = n.next();
      String check = n.next();
      String index = n.next();
      String function = n.next();
      String droppedFunction = n.next();
      List<String> labels = List.of(n.next(), n.next(), n.next(), n.next());
      boolean removeLabel = random.nextBoolean();
      String common =
          "CREATE TABLE public.sentinel (id int);"
              + "CREATE SCHEMA drydock_probe;"
              + "CREATE TABLE drydock_probe.log (n serial, tag text, identity text);"
              + "CREATE FUNCTION drydock_probe.record() RETURNS event_trigger LANGUAGE plpgsql AS $f$"
              + " BEGIN INSERT INTO drydock_probe.log (tag, identity)"
              + " SELECT command_tag, object_identity FROM pg_event_trigger_ddl_commands();"
              + " END $f$;"
              + "CREATE SCHEMA "
              + q(schema)
              + ";";
      String sameTable = " (" + q(c1) + " integer, " + q(c2) + " " + q(schema, enumType);
      server.execute(
          model,
          common
              + enumType(schema, enumType, labels.subList(0, 3))
              + "CREATE TABLE "
              + q(schema, table)
              + sameTable
              + ", "
              + q(n.next())
              + " text, CONSTRAINT "
              + q(check)
              + " CHECK ("
              + q(c1)
              + " > 0));"
              + "CREATE INDEX "
              + q(index)
              + " ON "
              + q(schema, table)
              + " ("
              + q(c1)
              + ");"
              + "CREATE TABLE "
              + q(schema, renamedTable)
              + " (x int);"
              + "CREATE FUNCTION "
              + q(schema, function)
              + "(integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';"
              + "GRANT SELECT ON "
              + q(schema, table)
              + " TO "
              + q(role)
              + ";"
              + "COMMENT ON TABLE "
              + q(schema, table)
              + " IS "
              + literal(n.next())
              + ";"
              + "CREATE SCHEMA "
              + q(newSchema)
              + "; CREATE TABLE "
              + q(newSchema, n.next())
              + " ("
              + q(n.next())
              + " int PRIMARY KEY);");
      String renamedIndex = n.next();
      String renamedCheck = n.next();
      server.execute(
          target,
          common
              + enumType(
                  schema,
                  enumType,
                  removeLabel ? labels : List.of(labels.get(0), labels.get(1), labels.get(3)))
              + "CREATE TABLE "
              + q(schema, table)
              + sameTable
              + ", "
              + q(renamedColumn)
              + " text, CONSTRAINT "
              + q(renamedCheck)
              + " CHECK ("
              + q(c1)
              + " > 0));"
              + "CREATE INDEX "
              + q(renamedIndex)
              + " ON "
              + q(schema, table)
              + " ("
              + q(c1)
              + ");"
              + "CREATE TABLE "
              + q(schema, n.next())
              + " (x int);"
              + "CREATE TABLE "
              + q("public", dropped)
              + " ("
              + q(n.next())
              + " int);"
              + "CREATE FUNCTION "
              + q(schema, droppedFunction)
              + "(text) RETURNS integer LANGUAGE sql AS 'SELECT 2';");
      // the probe: every DDL command the server runs, recorded (only in copies of the target)
      server.execute(
          target,
          "CREATE EVENT TRIGGER drydock_probe ON ddl_command_end"
              + " EXECUTE FUNCTION drydock_probe.record()");

      // when: the planner plans, diff writes its script and pull its migration
      DiffResult result;
      try (Connection m = server.connect(model);
          Connection t = server.connect(target)) {
        result = Drift.between(INTROSPECTOR, m, t, schemas);
      }
      assertThat(result.hasDrift()).isTrue();
      PlannedScript plan = SqlRenderer.configure().build().plan(result);
      String script = SqlRenderer.render(result, "the live database");
      String pullAll;
      String pullSafe;
      try (Connection m = server.connect(model);
          Connection t = server.connect(target)) {
        pullAll = PullPlanner.plan(m, t, schemas, "flyway_schema_history", true).sql();
        pullSafe = PullPlanner.plan(m, t, schemas, "flyway_schema_history", false).sql();
      }
      String context = "seed " + seed + ", script:\n" + script;
      assertThat(plan.entries()).as(context).anyMatch(e -> e.destructive() != null);
      assertThat(script).as(context).contains("-- RENAME: ");

      // then: PostgreSQL runs, for each text, exactly the planned statements, one by one
      List<String> planned = applyEach(server, target, copies, plan.entries(), true);
      assertThat(planned).as(context).hasSizeGreaterThan(plan.entries().size() / 2);
      assertThat(apply(server, target, copies, script)).as(context).isEqualTo(planned);
      assertThat(apply(server, target, copies, pullAll)).as(context).isEqualTo(planned);
      assertThat(applyWithFlyway(server, target, copies, pullAll)).as(context).isEqualTo(planned);
      assertThat(apply(server, target, copies, pullSafe))
          .as("seed " + seed + ", pull without destructive:\n" + pullSafe)
          .isEqualTo(applyEach(server, target, copies, plan.entries(), false));

      // and the whole script (and the pulled file with destructive statements) reconcile
      for (String applied : List.of(copies.get(1), copies.get(2), copies.get(3))) {
        try (Connection m = server.connect(model);
            Connection t = server.connect(applied)) {
          DiffResult after = Drift.between(INTROSPECTOR, m, t, schemas);
          assertThat(after.differences()).as(context).isEmpty();
        }
      }
    } finally {
      for (String copy : copies) {
        server.dropDatabase(copy);
      }
      server.dropDatabase(model);
      server.dropDatabase(target);
      server.execute(server.server().databaseName(), "DROP ROLE " + q(role));
    }
  }

  /** The commands the server ran for {@code sql} sent as one text, on a fresh copy of target. */
  private static List<String> apply(
      TestServer server, String target, List<String> copies, String sql) throws SQLException {
    String copy = server.createDatabase("hostile_copy", target);
    copies.add(copy);
    try (Connection c = server.connect(copy);
        Statement st = c.createStatement()) {
      st.execute(sql);
      return log(st);
    }
  }

  /**
   * The commands the server ran when Flyway applied {@code sql} as a migration, as {@code pull}'s
   * file is applied (Flyway's own history table left out).
   */
  private List<String> applyWithFlyway(
      TestServer server, String target, List<String> copies, String sql) throws Exception {
    String copy = server.createDatabase("hostile_copy", target);
    copies.add(copy);
    Path dir = Files.createDirectories(temp.resolve(copy));
    Files.writeString(dir.resolve("V1__pull.sql"), sql);
    Flyway.configure()
        .dataSource(server.url(copy), server.user(), server.server().password())
        .locations("filesystem:" + dir)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    try (Connection c = server.connect(copy);
        Statement st = c.createStatement()) {
      return log(st).stream().filter(l -> !l.contains("flyway_schema_history")).toList();
    }
  }

  /** The commands the server ran for the planned statements sent one by one. */
  private static List<String> applyEach(
      TestServer server,
      String target,
      List<String> copies,
      List<PlannedScript.Entry> entries,
      boolean destructive)
      throws SQLException {
    String copy = server.createDatabase("hostile_copy", target);
    copies.add(copy);
    try (Connection c = server.connect(copy);
        Statement st = c.createStatement()) {
      st.execute("SET check_function_bodies = false");
      for (PlannedScript.Entry e : entries) {
        if (!e.manual() && (destructive || e.destructive() == null)) {
          try {
            st.execute(e.sql());
          } catch (SQLException failed) {
            throw new AssertionError("planned statement failed: " + e.sql(), failed);
          }
        }
      }
      return log(st);
    }
  }

  private static List<String> log(Statement st) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("SELECT tag, identity FROM drydock_probe.log ORDER BY n")) {
      while (rs.next()) {
        out.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return out;
  }

  private static String enumType(String schema, String type, List<String> labels) {
    return "CREATE TYPE "
        + q(schema, type)
        + " AS ENUM ("
        + String.join(", ", labels.stream().map(HostileIdentifierPropertyTest::literal).toList())
        + ");";
  }

  private static String q(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static String q(String schema, String name) {
    return q(schema) + "." + q(name);
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** Distinct hostile names of at most 63 bytes, a third of them exactly 63 bytes long. */
  private static final class Names {
    private final Random random;
    private final Set<String> used = new HashSet<>();

    Names(Random random) {
      this.random = random;
    }

    String next() {
      while (true) {
        StringBuilder sb = new StringBuilder("h").append(used.size());
        int pieces = 1 + random.nextInt(4);
        for (int i = 0; i < pieces; i++) {
          sb.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        if (random.nextInt(3) == 0) {
          while (bytes(sb.toString()) < 63) {
            sb.append(random.nextBoolean() ? "é" : PIECES.get(random.nextInt(PIECES.size())));
          }
        }
        String name = fit(sb.toString());
        if (used.add(name)) {
          return name;
        }
      }
    }

    private static String fit(String name) {
      String out = name;
      while (bytes(out) > 63) {
        out = out.substring(0, out.offsetByCodePoints(out.length(), -1));
      }
      return out;
    }

    private static int bytes(String s) {
      return s.getBytes(StandardCharsets.UTF_8).length;
    }
  }
}
