package dev.drydock.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.diff.report.JsonRenderer;
import dev.drydock.diff.report.TextRenderer;
import dev.drydock.diff.sql.SqlRenderer;
import dev.drydock.introspect.Catalog;
import dev.drydock.introspect.Introspector;
import dev.drydock.migrate.Migrations;
import dev.drydock.testing.Fixtures;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The drift suite: the base migrations are applied once to a template database; each scenario
 * copies it, makes a manual change to the copy (the "live" database) and checks that exactly the
 * expected differences are reported, that the text and JSON renderers show them, and that applying
 * the generated SQL to the live copy leaves no drift.
 */
@ExtendWith(SharedPostgres.class)
class DriftScenariosTest {

  private static final Introspector INTROSPECTOR = new Introspector();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestServer server;
  private static String template;
  private static Catalog expected;

  record Scenario(String name, String manualChange, List<String> expectedDifferences) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Scenario scenario(String name, String manualChange, String... differences) {
    return new Scenario(name, manualChange, List.of(differences));
  }

  @BeforeAll
  static void applyBaseMigrationsToTemplate(TestServer shared) throws SQLException {
    server = shared;
    template = server.createDatabase("drift_base", null);
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(server.url(template));
    ds.setUser(server.user());
    Migrations.configure().location(Fixtures.resource("drift/base")).build().migrate(ds);
    try (Connection c = server.connect(template)) {
      expected = INTROSPECTOR.load(c, Set.of());
    }
  }

  static Stream<Scenario> scenarios() {
    return Stream.of(
        // ---- indexes
        scenario(
            "droppedIndexIsReportedAsRemoved",
            "DROP INDEX name_idx",
            "REMOVED index public.users.name_idx: expected CREATE INDEX name_idx ON public.users"
                + " USING btree (name), actual (none)"),
        scenario(
            "extraIndexIsReportedAsAdded",
            "CREATE INDEX users_age_idx ON users (age)",
            "ADDED index public.users.users_age_idx: expected (none), actual CREATE INDEX"
                + " users_age_idx ON public.users USING btree (age)"),
        scenario(
            "changedPartialIndexPredicateIsReported",
            "DROP INDEX users_active_created_idx;"
                + " CREATE INDEX users_active_created_idx ON users (created_at DESC) INCLUDE (name)"
                + " WHERE NOT is_active",
            "CHANGED index public.users.users_active_created_idx predicate: expected is_active,"
                + " actual NOT is_active"),
        scenario(
            "indexMadeUniqueIsReported",
            "DROP INDEX name_idx; CREATE UNIQUE INDEX name_idx ON users (name)",
            "CHANGED index public.users.name_idx unique: expected false, actual true"),
        scenario(
            "droppedIndexIncludeColumnIsReported",
            "DROP INDEX users_active_created_idx;"
                + " CREATE INDEX users_active_created_idx ON users (created_at DESC) WHERE is_active",
            "CHANGED index public.users.users_active_created_idx include: expected name, actual"
                + " (none)"),
        scenario(
            "changedIndexColumnsAreReported",
            "DROP INDEX name_idx; CREATE INDEX name_idx ON users (name, age)",
            "CHANGED index public.users.name_idx columns: expected name, actual name, age"),
        scenario(
            "indexMethodChangeIsReported",
            "DROP INDEX name_idx; CREATE INDEX name_idx ON users USING hash (name)",
            "CHANGED index public.users.name_idx method: expected btree, actual hash"),
        scenario(
            "renamedIndexIsComparedByExactName",
            "ALTER INDEX name_idx RENAME TO \"Name_idx\"",
            "ADDED index public.users.Name_idx: expected (none), actual CREATE INDEX \"Name_idx\""
                + " ON public.users USING btree (name)",
            "REMOVED index public.users.name_idx: expected CREATE INDEX name_idx ON public.users"
                + " USING btree (name), actual (none)"),
        scenario(
            "indexesRecreatedInAnotherOrderAreNoDrift",
            "DROP INDEX name_idx; DROP INDEX users_active_created_idx;"
                + " CREATE INDEX users_active_created_idx ON users (created_at DESC) INCLUDE (name)"
                + " WHERE is_active; CREATE INDEX name_idx ON users (name)"),
        // ---- constraints
        scenario(
            "changedForeignKeyOnDeleteActionIsReported",
            "ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey,"
                + " ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id)"
                + " ON DELETE SET NULL",
            "CHANGED constraint public.posts.posts_author_id_fkey on_delete: expected CASCADE,"
                + " actual SET NULL"),
        scenario(
            "changedForeignKeyOnUpdateActionIsReported",
            "ALTER TABLE invoices DROP CONSTRAINT invoices_user_id_fkey,"
                + " ADD CONSTRAINT invoices_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)"
                + " ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED",
            "CHANGED constraint public.invoices.invoices_user_id_fkey on_update: expected CASCADE,"
                + " actual NO ACTION"),
        scenario(
            "changedForeignKeyDeferrabilityIsReported",
            "ALTER TABLE invoices ALTER CONSTRAINT invoices_user_id_fkey NOT DEFERRABLE",
            "CHANGED constraint public.invoices.invoices_user_id_fkey deferrable: expected"
                + " INITIALLY DEFERRED, actual NOT DEFERRABLE"),
        scenario(
            "droppedForeignKeyIsReportedAsRemoved",
            "ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey",
            "REMOVED constraint public.posts.posts_author_id_fkey: expected FOREIGN KEY"
                + " (author_id) REFERENCES public.users(id) ON DELETE CASCADE, actual (none)"),
        scenario(
            "notValidatedForeignKeyIsReported",
            "ALTER TABLE posts DROP CONSTRAINT posts_author_id_fkey,"
                + " ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id)"
                + " ON DELETE CASCADE NOT VALID",
            "CHANGED constraint public.posts.posts_author_id_fkey validated: expected true, actual"
                + " false"),
        scenario(
            "changedCheckConstraintIsReported",
            "ALTER TABLE users DROP CONSTRAINT users_age_check,"
                + " ADD CONSTRAINT users_age_check CHECK (age >= 18)",
            "CHANGED constraint public.users.users_age_check definition: expected CHECK (age >="
                + " 0), actual CHECK (age >= 18)"),
        scenario(
            "extraCheckConstraintIsReportedAsAdded",
            "ALTER TABLE invoices ADD CONSTRAINT invoices_amount_positive CHECK (amount > 0)",
            "ADDED constraint public.invoices.invoices_amount_positive: expected (none), actual"
                + " CHECK (amount > 0::numeric)"),
        scenario(
            "droppedUniqueConstraintIsReportedAsRemoved",
            "ALTER TABLE users DROP CONSTRAINT unique_email",
            "REMOVED constraint public.users.unique_email: expected UNIQUE (email), actual"
                + " (none)"),
        scenario(
            "changedPrimaryKeyIsReported",
            "ALTER TABLE invoices DROP CONSTRAINT invoices_pkey,"
                + " ADD CONSTRAINT invoices_pkey PRIMARY KEY (number, amount)",
            "CHANGED constraint public.invoices.invoices_pkey definition: expected PRIMARY KEY"
                + " (number), actual PRIMARY KEY (number, amount)"),
        scenario(
            "extraExclusionConstraintIsReportedAsAdded",
            "ALTER TABLE documents ADD CONSTRAINT documents_owner_excl EXCLUDE USING btree"
                + " (owner WITH =)",
            "ADDED constraint public.documents.documents_owner_excl: expected (none), actual"
                + " EXCLUDE USING btree (owner WITH =)"),
        // ---- columns
        scenario(
            "changedDefaultIsReported",
            "ALTER TABLE users ALTER COLUMN lock_version SET DEFAULT 1",
            "CHANGED column public.users.lock_version default: expected 0, actual 1"),
        scenario(
            "droppedDefaultIsReported",
            "ALTER TABLE users ALTER COLUMN is_active DROP DEFAULT",
            "CHANGED column public.users.is_active default: expected true, actual (none)"),
        scenario(
            "changedNullabilityIsReported",
            "ALTER TABLE users ALTER COLUMN age SET NOT NULL",
            "CHANGED column public.users.age not_null: expected false, actual true"),
        scenario(
            "widenedVarcharIsReported",
            "ALTER TABLE users ALTER COLUMN nickname TYPE varchar(100)",
            "CHANGED column public.users.nickname type: expected character varying(50), actual"
                + " character varying(100)"),
        scenario(
            "changedColumnTypeIsReported",
            "ALTER TABLE users ALTER COLUMN age TYPE bigint",
            "CHANGED column public.users.age type: expected integer, actual bigint"),
        scenario(
            "extraColumnIsReportedAsAdded",
            "ALTER TABLE users ADD COLUMN phone text",
            "ADDED column public.users.phone: expected (none), actual text"),
        scenario(
            "droppedColumnIsReportedWithItsCheckConstraint",
            "ALTER TABLE users DROP COLUMN age",
            "REMOVED column public.users.age: expected integer, actual (none)",
            "REMOVED constraint public.users.users_age_check: expected CHECK (age >= 0), actual"
                + " (none)"),
        scenario(
            "changedIdentityKindIsReported",
            "ALTER TABLE posts ALTER COLUMN id SET GENERATED BY DEFAULT",
            "CHANGED column public.posts.id identity: expected ALWAYS, actual BY DEFAULT"),
        scenario(
            "droppedIdentityIsReported",
            "ALTER TABLE posts ALTER COLUMN id DROP IDENTITY",
            "CHANGED column public.posts.id identity: expected ALWAYS, actual (none)"),
        scenario(
            "changedGeneratedExpressionIsReported",
            "ALTER TABLE posts ALTER COLUMN slug SET EXPRESSION AS (upper(title))",
            "CHANGED column public.posts.slug generated: expected lower(title), actual"
                + " upper(title)"),
        scenario(
            "changedCollationIsReported",
            "ALTER TABLE posts ALTER COLUMN body TYPE text COLLATE \"POSIX\"",
            "CHANGED column public.posts.body collation: expected pg_catalog.\"C\", actual"
                + " pg_catalog.\"POSIX\""),
        scenario(
            "changedColumnCommentIsReported",
            "COMMENT ON COLUMN users.name IS 'full name'",
            "CHANGED column public.users.name comment: expected display name, actual full name"),
        // ---- tables, partitions, RLS, privileges
        scenario(
            "removedTableCommentIsReported",
            "COMMENT ON TABLE users IS NULL",
            "CHANGED table public.users comment: expected people who sign in, actual (none)"),
        scenario(
            "droppedTableIsReportedOnceWithItsSequence",
            "DROP TABLE audit.events",
            "REMOVED sequence audit.events_id_seq: expected SEQUENCE AS bigint, actual (none)",
            "REMOVED table audit.events: expected TABLE, actual (none)"),
        scenario(
            "extraTableIsReportedOnce",
            "CREATE TABLE notes (id integer PRIMARY KEY, body text)",
            "ADDED table public.notes: expected (none), actual TABLE"),
        scenario(
            "detachedPartitionIsReported",
            "ALTER TABLE measurements DETACH PARTITION measurements_2026",
            "CHANGED table public.measurements_2026 partition_bound: expected FOR VALUES FROM"
                + " ('2026-01-01') TO ('2027-01-01'), actual (none)",
            "CHANGED table public.measurements_2026 partition_of: expected public.measurements,"
                + " actual (none)"),
        scenario(
            "extraPartitionIsReportedAsAdded",
            "CREATE TABLE measurements_2027 PARTITION OF measurements"
                + " FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')",
            "ADDED table public.measurements_2027: expected (none), actual PARTITION OF"
                + " public.measurements FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')"),
        scenario(
            "disabledRowLevelSecurityIsReported",
            "ALTER TABLE documents DISABLE ROW LEVEL SECURITY",
            "CHANGED table public.documents row_security: expected true, actual false"),
        scenario(
            "forcedRowLevelSecurityIsReported",
            "ALTER TABLE documents FORCE ROW LEVEL SECURITY",
            "CHANGED table public.documents force_row_security: expected false, actual true"),
        scenario(
            "unloggedTableIsReported",
            "ALTER TABLE posts SET UNLOGGED",
            "CHANGED table public.posts persistence: expected LOGGED, actual UNLOGGED"),
        scenario(
            "revokedTablePrivilegeIsReported",
            "REVOKE SELECT ON users FROM drydock_reader",
            "CHANGED table public.users privileges: expected drydock_reader:SELECT, actual"
                + " (none)"),
        scenario(
            "extraTablePrivilegeIsReported",
            "GRANT INSERT ON users TO drydock_reader",
            "CHANGED table public.users privileges: expected drydock_reader:SELECT, actual"
                + " drydock_reader:INSERT, drydock_reader:SELECT"),
        // ---- policies
        scenario(
            "addedRlsPolicyIsReported",
            "CREATE POLICY documents_insert ON documents FOR INSERT WITH CHECK (owner ="
                + " current_user)",
            "ADDED policy public.documents.documents_insert: expected (none), actual PERMISSIVE"
                + " FOR INSERT TO PUBLIC WITH CHECK ((owner = CURRENT_USER))"),
        scenario(
            "changedRlsPolicyExpressionIsReported",
            "ALTER POLICY documents_owner ON documents USING (true)",
            "CHANGED policy public.documents.documents_owner using: expected (owner ="
                + " CURRENT_USER), actual true"),
        scenario(
            "droppedRlsPolicyIsReported",
            "DROP POLICY documents_owner ON documents",
            "REMOVED policy public.documents.documents_owner: expected PERMISSIVE FOR ALL TO"
                + " PUBLIC USING ((owner = CURRENT_USER)), actual (none)"),
        // ---- types
        scenario(
            "addedEnumValueIsReported",
            "ALTER TYPE status ADD VALUE 'deleted'",
            "CHANGED enum public.status values: expected 'pending', 'active', 'archived', actual"
                + " 'pending', 'active', 'archived', 'deleted'"),
        scenario(
            "renamedEnumValueIsReported",
            "ALTER TYPE status RENAME VALUE 'archived' TO 'retired'",
            "CHANGED enum public.status values: expected 'pending', 'active', 'archived', actual"
                + " 'pending', 'active', 'retired'"),
        scenario(
            "missingEnumValueIsReported",
            "ALTER TABLE users ALTER COLUMN status DROP DEFAULT;"
                + " ALTER TYPE status RENAME TO status_old;"
                + " CREATE TYPE status AS ENUM ('pending', 'archived');"
                + " ALTER TABLE users ALTER COLUMN status TYPE status USING status::text::status;"
                + " ALTER TABLE users ALTER COLUMN status SET DEFAULT 'pending';"
                + " DROP TYPE status_old",
            "CHANGED enum public.status values: expected 'pending', 'active', 'archived', actual"
                + " 'pending', 'archived'"),
        scenario(
            "changedDomainCheckIsReported",
            "ALTER DOMAIN email_address DROP CONSTRAINT email_has_at;"
                + " ALTER DOMAIN email_address ADD CONSTRAINT email_has_at CHECK (VALUE ~ '@')",
            "CHANGED domain public.email_address constraints: expected email_has_at CHECK (VALUE"
                + " ~~ '%@%'::text), actual email_has_at CHECK (VALUE ~ '@'::text)"),
        scenario(
            "domainNotNullIsReported",
            "ALTER DOMAIN email_address SET NOT NULL",
            "CHANGED domain public.email_address not_null: expected false, actual true"),
        // ---- sequences
        scenario(
            "changedSequenceIncrementIsReported",
            "ALTER SEQUENCE invoice_number_seq INCREMENT BY 10",
            "CHANGED sequence public.invoice_number_seq increment: expected 1, actual 10"),
        scenario(
            "extraSequenceIsReportedAsAdded",
            "CREATE SEQUENCE stray_seq",
            "ADDED sequence public.stray_seq: expected (none), actual SEQUENCE AS bigint"),
        scenario(
            "changedSequenceOwnerColumnIsReported",
            "ALTER SEQUENCE invoice_number_seq OWNED BY NONE",
            "CHANGED sequence public.invoice_number_seq owned_by: expected"
                + " public.invoices.number, actual (none)"),
        // ---- views
        scenario(
            "changedViewDefinitionIsReported",
            "CREATE OR REPLACE VIEW active_users AS SELECT id, name, email FROM users"
                + " WHERE is_active AND age > 17",
            "CHANGED view public.active_users definition: expected SELECT id, name, email FROM"
                + " public.users WHERE is_active;, actual SELECT id, name, email FROM public.users"
                + " WHERE is_active AND age > 17;"),
        scenario(
            "droppedViewIsReportedAsRemoved",
            "DROP VIEW active_users",
            "REMOVED view public.active_users: expected SELECT id, name, email FROM public.users"
                + " WHERE is_active;, actual (none)"),
        scenario(
            "changedMaterializedViewIsReported",
            "DROP MATERIALIZED VIEW post_counts; CREATE MATERIALIZED VIEW post_counts AS"
                + " SELECT author_id, count(title) AS posts FROM posts GROUP BY author_id;"
                + " CREATE UNIQUE INDEX post_counts_author_idx ON post_counts (author_id)",
            "CHANGED materialized view public.post_counts definition: expected SELECT author_id,"
                + " count(*) AS posts FROM public.posts GROUP BY author_id;, actual SELECT"
                + " author_id, count(title) AS posts FROM public.posts GROUP BY author_id;"),
        // ---- functions, procedures, triggers
        scenario(
            "changedFunctionBodyIsReported",
            "CREATE OR REPLACE FUNCTION add_numbers(a integer, b integer) RETURNS integer"
                + " LANGUAGE sql IMMUTABLE AS $$ SELECT a + b + 1 $$",
            "CHANGED function public.add_numbers(a integer, b integer) body: expected SELECT a +"
                + " b, actual SELECT a + b + 1"),
        scenario(
            "changedFunctionVolatilityIsReported",
            "ALTER FUNCTION add_numbers(integer, integer) STABLE",
            "CHANGED function public.add_numbers(a integer, b integer) volatility: expected"
                + " IMMUTABLE, actual STABLE"),
        scenario(
            "functionBodyWhitespaceIsNoDrift",
            "CREATE OR REPLACE FUNCTION touch_created_at() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$\n  BEGIN\n\tNEW.created_at := now();\n      RETURN NEW;\n  END;\n  $$"),
        scenario(
            "extraFunctionIsReportedAsAdded",
            "CREATE FUNCTION extra() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
            "ADDED function public.extra(): expected (none), actual FUNCTION RETURNS integer"),
        scenario(
            "changedProcedureBodyIsReported",
            "CREATE OR REPLACE PROCEDURE archive_user(p_id integer) LANGUAGE sql AS"
                + " $$ UPDATE users SET status = 'pending' WHERE id = p_id $$",
            "CHANGED procedure public.archive_user(IN p_id integer) body: expected UPDATE users"
                + " SET status = 'archived' WHERE id = p_id, actual UPDATE users SET status ="
                + " 'pending' WHERE id = p_id"),
        scenario(
            "disabledTriggerIsReported",
            "ALTER TABLE posts DISABLE TRIGGER posts_touch",
            "CHANGED trigger public.posts.posts_touch enabled: expected ORIGIN, actual DISABLED"),
        scenario(
            "droppedTriggerIsReportedAsRemoved",
            "DROP TRIGGER posts_touch ON posts",
            "REMOVED trigger public.posts.posts_touch: expected CREATE TRIGGER posts_touch BEFORE"
                + " INSERT ON public.posts FOR EACH ROW EXECUTE FUNCTION"
                + " public.touch_created_at(), actual (none)"),
        scenario(
            "changedTriggerEventsAreReported",
            "DROP TRIGGER posts_touch ON posts; CREATE TRIGGER posts_touch BEFORE INSERT OR UPDATE"
                + " ON posts FOR EACH ROW EXECUTE FUNCTION touch_created_at()",
            "CHANGED trigger public.posts.posts_touch definition: expected CREATE TRIGGER"
                + " posts_touch BEFORE INSERT ON public.posts FOR EACH ROW EXECUTE FUNCTION"
                + " public.touch_created_at(), actual CREATE TRIGGER posts_touch BEFORE INSERT OR"
                + " UPDATE ON public.posts FOR EACH ROW EXECUTE FUNCTION"
                + " public.touch_created_at()"),
        // ---- schemas and extensions
        scenario(
            "extraSchemaIsReportedOnce",
            "CREATE SCHEMA scratch; CREATE TABLE scratch.t (id integer)",
            "ADDED schema scratch: expected (none), actual SCHEMA"),
        scenario(
            "changedSchemaCommentIsReported",
            "COMMENT ON SCHEMA audit IS 'changed'",
            "CHANGED schema audit comment: expected audit trail, actual changed"),
        scenario(
            "droppedExtensionIsReported",
            "DROP EXTENSION pgcrypto",
            "REMOVED extension pgcrypto: expected EXTENSION IN SCHEMA public, actual (none)"),
        scenario(
            "droppedReferencedTableIsRecreatedBeforeItsDependents",
            "DROP TABLE users CASCADE",
            "REMOVED sequence public.users_id_seq: expected SEQUENCE AS integer, actual (none)",
            "REMOVED table public.users: expected TABLE, actual (none)",
            "REMOVED constraint public.invoices.invoices_user_id_fkey: expected FOREIGN KEY"
                + " (user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL"
                + " DEFERRABLE INITIALLY DEFERRED, actual (none)",
            "REMOVED constraint public.posts.posts_author_id_fkey: expected FOREIGN KEY"
                + " (author_id) REFERENCES public.users(id) ON DELETE CASCADE, actual (none)",
            "REMOVED view public.active_users: expected SELECT id, name, email FROM public.users"
                + " WHERE is_active;, actual (none)"),
        // ---- pairs of changes whose reconciling statements must come in the right order
        scenario(
            "serialColumnTurnedIntoIdentityIsReconciled",
            "ALTER TABLE users ALTER COLUMN id DROP DEFAULT,"
                + " ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY",
            "CHANGED column public.users.id default: expected"
                + " nextval('public.users_id_seq'::regclass), actual (none)",
            "CHANGED column public.users.id identity: expected (none), actual BY DEFAULT"),
        scenario(
            "identityColumnTurnedIntoSerialIsReconciled",
            "ALTER TABLE posts ALTER COLUMN id DROP IDENTITY;"
                + " CREATE SEQUENCE posts_id_seq OWNED BY posts.id;"
                + " ALTER TABLE posts ALTER COLUMN id SET DEFAULT nextval('posts_id_seq')",
            "ADDED sequence public.posts_id_seq: expected (none), actual SEQUENCE AS bigint",
            "CHANGED column public.posts.id default: expected (none), actual"
                + " nextval('public.posts_id_seq'::regclass)",
            "CHANGED column public.posts.id identity: expected ALWAYS, actual (none)"),
        scenario(
            "renamedTableIsRecreatedWithTheSequenceItOwns",
            "ALTER TABLE audit.events RENAME TO happenings",
            "CHANGED sequence audit.events_id_seq owned_by: expected audit.events.id, actual"
                + " audit.happenings.id",
            "REMOVED table audit.events: expected TABLE, actual (none)",
            "ADDED table audit.happenings: expected (none), actual TABLE"),
        scenario(
            "renamedColumnIsRecreatedWithTheSequenceItOwns",
            "ALTER TABLE documents RENAME COLUMN id TO document_id",
            "CHANGED sequence public.documents_id_seq owned_by: expected public.documents.id,"
                + " actual public.documents.document_id",
            "ADDED column public.documents.document_id: expected (none), actual integer DEFAULT"
                + " nextval('public.documents_id_seq'::regclass) NOT NULL",
            "REMOVED column public.documents.id: expected integer DEFAULT"
                + " nextval('public.documents_id_seq'::regclass) NOT NULL, actual (none)",
            "CHANGED constraint public.documents.documents_pkey definition: expected PRIMARY KEY"
                + " (id), actual PRIMARY KEY (document_id)"),
        scenario("untouchedCopyIsNoDrift", "SELECT 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenario(Scenario scenario) throws Exception {
    // given
    String live = server.createDatabase("drift_live", template);
    try {
      server.execute(live, scenario.manualChange());

      // when
      DiffResult result = diff(live);

      // then: exactly the expected differences
      assertThat(result.differences())
          .extracting(Difference::describe)
          .containsExactlyElementsOf(scenario.expectedDifferences());

      // and the text report shows each of them on one line
      String text = TextRenderer.render(result, "migrations", "live", List.of("x"));
      for (Difference d : result.differences()) {
        String marker =
            switch (d.change()) {
              case ADDED -> "+ ";
              case REMOVED -> "- ";
              case CHANGED -> "~ ";
            };
        assertThat(text).contains(marker + d.objectName());
        if (d.change() == ChangeKind.CHANGED
            && String.valueOf(d.expected()).length() < 100
            && String.valueOf(d.actual()).length() < 100) {
          assertThat(text)
              .contains(
                  d.attribute().key()
                      + ": expected "
                      + Difference.show(d.expected())
                      + ", actual "
                      + Difference.show(d.actual()));
        }
      }

      // and the JSON report carries them field by field
      JsonNode json = JSON.readTree(JsonRenderer.render(result, "migrations", "live", List.of()));
      assertThat(json.get("version").asInt()).isEqualTo(1);
      assertThat(json.get("drift").asBoolean()).isEqualTo(result.hasDrift());
      List<String> fromJson = new ArrayList<>();
      for (JsonNode d : json.get("differences")) {
        fromJson.add(
            d.get("change").asText().toUpperCase()
                + " "
                + d.get("objectKind").asText().replace('_', ' ')
                + " "
                + d.get("object").asText()
                + (d.get("attribute").isNull() ? "" : " " + d.get("attribute").asText())
                + ": expected "
                + (d.get("expected").isNull() ? "(none)" : d.get("expected").asText())
                + ", actual "
                + (d.get("actual").isNull() ? "(none)" : d.get("actual").asText()));
      }
      assertThat(fromJson).containsExactlyElementsOf(scenario.expectedDifferences());

      // and applying the generated SQL to the live database removes the drift
      applyAndExpectNoDrift(live, SqlRenderer.render(result, "live"));
    } finally {
      server.dropDatabase(live);
    }
  }

  @Test
  void generatedSqlMarksDropsOfLiveOnlyObjectsAsDestructive() throws Exception {
    String sql =
        sqlFor(
            "CREATE TABLE notes (id integer PRIMARY KEY); CREATE INDEX users_age_idx ON users (age)");
    assertThat(sql)
        .contains(
            "-- DESTRUCTIVE: removes table public.notes, which exists only live\n"
                + "DROP TABLE IF EXISTS public.notes;")
        .contains(
            "-- DESTRUCTIVE: removes index public.users.users_age_idx, which exists only live\n"
                + "DROP INDEX IF EXISTS public.users_age_idx;");
  }

  @Test
  void generatedSqlMarksTypeNarrowingAsDestructive() throws Exception {
    String sql = sqlFor("ALTER TABLE users ALTER COLUMN nickname TYPE varchar(100)");
    assertThat(sql)
        .contains(
            "-- DESTRUCTIVE: changes the type from character varying(100) to character"
                + " varying(50); values may not convert\n"
                + "ALTER TABLE public.users ALTER COLUMN nickname TYPE character varying(50) USING"
                + " nickname::character varying(50);");
  }

  @Test
  void generatedSqlForWideningAndDefaultsIsNotMarkedDestructive() throws Exception {
    String sql =
        sqlFor(
            "ALTER TABLE users ALTER COLUMN age TYPE smallint;"
                + " ALTER TABLE users ALTER COLUMN lock_version SET DEFAULT 1");
    assertThat(sql)
        .doesNotContain("-- DESTRUCTIVE:")
        .contains("ALTER TABLE public.users ALTER COLUMN age TYPE integer USING age::integer;")
        .contains("ALTER TABLE public.users ALTER COLUMN lock_version SET DEFAULT 0;");
  }

  @Test
  void generatedSqlCreatesTablesBeforeTheirForeignKeysAndIndexes() throws Exception {
    String sql = sqlFor("DROP TABLE posts CASCADE");
    int table = sql.indexOf("CREATE TABLE public.posts");
    assertThat(table).isPositive();
    assertThat(sql.indexOf("ADD CONSTRAINT posts_pkey")).isGreaterThan(table);
    assertThat(sql.indexOf("ADD CONSTRAINT posts_author_id_fkey"))
        .isGreaterThan(sql.indexOf("ADD CONSTRAINT posts_pkey"));
    assertThat(sql.indexOf("CREATE INDEX posts_author_id_idx")).isGreaterThan(table);
    assertThat(sql.indexOf("CREATE TRIGGER posts_touch")).isGreaterThan(table);
    assertThat(sql.indexOf("CREATE MATERIALIZED VIEW public.post_counts")).isGreaterThan(table);
  }

  @Test
  void noDriftProducesAnEmptyScript() throws Exception {
    assertThat(sqlFor("SELECT 1")).endsWith("-- No drift: nothing to do.\n");
  }

  @Test
  void generatedSqlRenamesObjectsThatDifferOnlyByName() throws Exception {
    assertThat(sqlFor("ALTER TABLE audit.events RENAME TO happenings"))
        .contains(
            "-- RENAME: table audit.happenings is table audit.events under another name; renamed,"
                + " its data kept.\n"
                + "-- The alternative (diff --no-renames) drops table audit.happenings and creates"
                + " table audit.events empty.\n"
                + "ALTER TABLE audit.happenings RENAME TO events;")
        .doesNotContain("DROP TABLE")
        .doesNotContain("CREATE TABLE");
    assertThat(sqlFor("ALTER TABLE users RENAME COLUMN nickname TO handle"))
        .contains("ALTER TABLE public.users RENAME COLUMN handle TO nickname;")
        .doesNotContain("DROP COLUMN");
    assertThat(sqlFor("ALTER INDEX name_idx RENAME TO \"Name_idx\""))
        .contains("ALTER INDEX public.\"Name_idx\" RENAME TO name_idx;")
        .doesNotContain("DROP INDEX");
    assertThat(sqlFor("ALTER TABLE users RENAME CONSTRAINT users_age_check TO age_not_negative"))
        .contains("ALTER TABLE public.users RENAME CONSTRAINT age_not_negative TO users_age_check;")
        .doesNotContain("DROP CONSTRAINT");
    assertThat(sqlFor("ALTER TYPE status RENAME VALUE 'archived' TO 'retired'"))
        .contains("ALTER TYPE public.status RENAME VALUE 'retired' TO 'archived';")
        .doesNotContain("CREATE TYPE");
  }

  @Test
  void withoutRenameDetectionARenamedTableIsDroppedAndCreatedWithItsSequence() throws Exception {
    String sql =
        sqlFor(
            "ALTER TABLE audit.events RENAME TO happenings",
            SqlRenderer.configure().renames(false).build());
    assertThat(sql)
        .doesNotContain("RENAME")
        .contains(
            "ALTER SEQUENCE audit.events_id_seq OWNED BY NONE;\n\n"
                + "-- DESTRUCTIVE: removes table audit.happenings, which exists only live\n"
                + "DROP TABLE IF EXISTS audit.happenings;")
        .contains("CREATE TABLE audit.events (");
    assertThat(
            sqlFor(
                "ALTER TABLE documents RENAME COLUMN id TO document_id",
                SqlRenderer.configure().renames(false).build()))
        .contains(
            "ALTER SEQUENCE public.documents_id_seq OWNED BY NONE;\n\n"
                + "-- DESTRUCTIVE: removes column public.documents.document_id, which exists only"
                + " live\n"
                + "ALTER TABLE public.documents DROP COLUMN IF EXISTS document_id;");
  }

  private static String sqlFor(String manualChange) throws SQLException {
    return sqlFor(manualChange, SqlRenderer.configure().build());
  }

  /** The script for a manual change, after checking that it applies and leaves no drift. */
  private static String sqlFor(String manualChange, SqlRenderer renderer) throws SQLException {
    String live = server.createDatabase("drift_sql", template);
    try {
      server.execute(live, manualChange);
      String sql = renderer.script(diff(live), "live");
      applyAndExpectNoDrift(live, sql);
      return sql;
    } finally {
      server.dropDatabase(live);
    }
  }

  @Test
  void enumRecreatedInASchemaNamedByAKeywordIsQuoted() throws Exception {
    // given: an enum in a schema named "user" (a reserved word), used by a column with a default,
    // and a live database where the enum has an extra value, so the planner must recreate it
    String base =
        "CREATE SCHEMA \"user\"; CREATE TYPE \"user\".mood AS ENUM ('sad', 'ok');"
            + " CREATE TABLE \"user\".moods (id int PRIMARY KEY,"
            + " mood \"user\".mood NOT NULL DEFAULT 'ok')";
    String migrated = server.createDatabase("quoting_expected", null);
    String live = server.createDatabase("quoting_live", null);
    try {
      server.execute(migrated, base);
      server.execute(live, base.replace("('sad', 'ok')", "('sad', 'ok', 'happy')"));
      Catalog keyword;
      try (Connection c = server.connect(migrated)) {
        keyword = INTROSPECTOR.load(c, Set.of("user"));
      }

      // when
      DiffResult result;
      try (Connection c = server.connect(live)) {
        result = SchemaComparator.compare(keyword, INTROSPECTOR.load(c, Set.of("user")));
      }
      String sql = SqlRenderer.render(result, "live");

      // then: the type is recreated with every name quoted, and the drift is gone
      assertThat(result.differences())
          .extracting(Difference::describe)
          .containsExactly(
              "CHANGED enum user.mood values: expected 'sad', 'ok', actual 'sad', 'ok', 'happy'");
      assertThat(sql).contains("DROP TYPE \"user\".mood__drydock_old");
      try {
        server.execute(live, sql);
      } catch (IllegalStateException e) {
        throw new AssertionError("Generated SQL failed:\n" + sql, e);
      }
      try (Connection c = server.connect(live)) {
        assertThat(
                SchemaComparator.compare(keyword, INTROSPECTOR.load(c, Set.of("user")))
                    .differences())
            .as("drift left after applying:\n%s", sql)
            .isEmpty();
      }
    } finally {
      server.dropDatabase(migrated);
      server.dropDatabase(live);
    }
  }

  /** Applies the generated script to the live database and requires that no drift is left. */
  private static void applyAndExpectNoDrift(String live, String sql) throws SQLException {
    try {
      server.execute(live, sql);
    } catch (IllegalStateException e) {
      throw new AssertionError("Generated SQL failed:\n" + sql, e);
    }
    assertThat(diff(live).differences()).as("drift left after applying:\n%s", sql).isEmpty();
  }

  private static DiffResult diff(String live) throws SQLException {
    try (Connection c = server.connect(live)) {
      return SchemaComparator.compare(expected, INTROSPECTOR.load(c, Set.of()));
    }
  }
}
