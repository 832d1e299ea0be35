package dev.drydock.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.diff.SchemaComparator;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.sql.Connection;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedPostgres.class)
class IntrospectorTest {

  @Test
  void indexKeyListIsTakenFromTheDefinitionRespectingParenthesesAndQuotes() {
    assertThat(
            PgText.keyList(
                "CREATE INDEX i ON public.t USING btree (lower(\"Na)me\"), (a + 1) DESC) WHERE"
                    + " (x > 0)",
                "btree"))
        .isEqualTo("lower(\"Na)me\"), (a + 1) DESC");
  }

  @Test
  void whitespaceIsNormalised() {
    assertThat(PgText.normaliseWhitespace("  SELECT\n\t a,\r\n  b  ")).isEqualTo("SELECT a, b");
  }

  @Test
  void relationsThatBelongToAnExtensionAreLeftOut(TestServer server) throws Exception {
    // given: an extension that creates two views (and functions) in public, next to a table
    String db = server.createDatabase("ext", null);
    try {
      server.execute(
          db, "CREATE EXTENSION pg_stat_statements; CREATE TABLE mine (id int PRIMARY KEY)");
      try (Connection c = server.connect(db)) {
        // when
        Catalog catalog = new Introspector().load(c, Set.of("public"));
        // then: the extension is there, its views and functions are not
        assertThat(
                catalog.objects().keySet().stream()
                    .filter(
                        id -> id.kind() != ObjectKind.EXTENSION || id.name().startsWith("pg_stat"))
                    .map(ObjectId::toString))
            .containsExactly(
                "schema public",
                "extension pg_stat_statements",
                "table public.mine",
                "column public.mine.id",
                "constraint public.mine.mine_pkey");
      }
    } finally {
      server.dropDatabase(db);
    }
  }

  @Test
  void givenRoutinesUsingRoutinesAndRelations_whenIntrospected_thenTheirDependenciesAreKnown(
      TestServer server) throws Exception {
    // given: SQL-standard bodies calling a routine, reading a view, returning a row type, and a
    // call into a schema that is not introspected
    String db = server.createDatabase("deps", null);
    try {
      server.execute(
          db,
          "CREATE SCHEMA other; CREATE FUNCTION other.f(t text) RETURNS text LANGUAGE sql RETURN t;"
              + " CREATE TABLE item (id int); CREATE VIEW item_view AS SELECT id FROM item;"
              + " CREATE FUNCTION b_inner(t text) RETURNS text LANGUAGE sql RETURN other.f(t);"
              + " CREATE FUNCTION a_outer(t text) RETURNS text LANGUAGE sql"
              + " RETURN public.b_inner(t) || (SELECT count(*) FROM public.item_view);"
              + " CREATE FUNCTION items() RETURNS SETOF item LANGUAGE plpgsql"
              + " AS $$ BEGIN RETURN QUERY SELECT * FROM item; END $$");
      try (Connection c = server.connect(db)) {
        // when
        Catalog catalog = new Introspector().load(c, Set.of("public"));
        // then
        assertThat(
                catalog
                    .get(ObjectId.of(ObjectKind.FUNCTION, "public", "a_outer(t text)"))
                    .dependsOn())
            .containsExactly(
                ObjectId.of(ObjectKind.FUNCTION, "public", "b_inner(t text)"),
                ObjectId.of(ObjectKind.VIEW, "public", "item_view"));
        assertThat(catalog.get(ObjectId.of(ObjectKind.FUNCTION, "public", "items()")).dependsOn())
            .containsExactly(ObjectId.of(ObjectKind.TABLE, "public", "item"));
        assertThat(
                catalog
                    .get(ObjectId.of(ObjectKind.FUNCTION, "public", "b_inner(t text)"))
                    .dependsOn())
            .isEmpty();
      }
    } finally {
      server.dropDatabase(db);
    }
  }

  @Test
  void thousandTablesAreIntrospectedOnBothSidesAndComparedQuickly(TestServer server)
      throws Exception {
    // given: 1,000 tables with a primary key, a foreign key, an index and a comment each
    String db = server.createDatabase("wide", null);
    try {
      server.execute(
          db,
          "CREATE TABLE root (id int PRIMARY KEY);"
              + " DO $$ BEGIN FOR i IN 1..1000 LOOP"
              + " EXECUTE format('CREATE TABLE t%s (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY"
              + " KEY, root_id int NOT NULL REFERENCES root (id) ON DELETE CASCADE, name text"
              + " DEFAULT ''x'', created timestamptz NOT NULL DEFAULT now())', i);"
              + " EXECUTE format('CREATE INDEX t%s_name ON t%s (name)', i, i);"
              + " EXECUTE format('COMMENT ON TABLE t%s IS ''table %s''', i, i);"
              + " END LOOP; END $$");
      Introspector introspector = new Introspector();
      try (Connection a = server.connect(db);
          Connection b = server.connect(db)) {
        introspector.load(a, Set.of()); // warm up
        // when
        long started = System.nanoTime();
        Catalog left = introspector.load(a, Set.of());
        long leftMs = (System.nanoTime() - started) / 1_000_000;
        Catalog right = introspector.load(b, Set.of());
        long bothMs = (System.nanoTime() - started) / 1_000_000;
        var result = SchemaComparator.compare(left, right);
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println(
            "[timing] one side "
                + leftMs
                + " ms, both sides "
                + bothMs
                + " ms, compared "
                + ms
                + " ms");
        // then
        System.out.println(
            "[timing] 1,000 tables ("
                + left.size()
                + " objects) introspected twice and compared: "
                + ms
                + " ms");
        assertThat(result.differences()).isEmpty();
        assertThat(left.size()).isGreaterThan(1000 * 8);
        assertThat(ms).as("introspecting and comparing 1,000 tables twice").isLessThan(5_000);
      }
    } finally {
      server.dropDatabase(db);
    }
  }
}
