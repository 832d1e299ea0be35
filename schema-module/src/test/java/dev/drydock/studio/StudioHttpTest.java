package dev.drydock.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The studio over HTTP with the JDK's client: auth, schema JSON, rows, edits, errors, read-only.
 */
@ExtendWith(SharedPostgres.class)
class StudioHttpTest {

  private static StudioFixture db;
  private static Studio writable;
  private static Studio readOnly;
  private static StudioClient client;
  private static StudioClient readOnlyClient;

  @BeforeAll
  static void startStudios(TestServer server) throws Exception {
    db = new StudioFixture(server);
    writable = db.start(true);
    readOnly = db.start(false);
    client = new StudioClient(writable.base(), writable.token());
    readOnlyClient = new StudioClient(readOnly.base(), readOnly.token());
  }

  @AfterAll
  static void stop() {
    if (writable != null) {
      writable.close();
    }
    if (readOnly != null) {
      readOnly.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private static JsonNode rows(StudioClient c, Map<String, String> parameters) throws Exception {
    StudioClient.Reply r = c.get("/api/rows?" + StudioClient.query(parameters));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  /** Every page of {@code parameters}, following the cursors; the first column (id) of each row. */
  private static List<String> allIds(Map<String, String> parameters) throws Exception {
    List<String> ids = new ArrayList<>();
    Map<String, String> p = new LinkedHashMap<>(parameters);
    for (int pages = 0; pages < 100; pages++) {
      JsonNode page = rows(client, p);
      page.get("rows").forEach(row -> ids.add(row.get(0).asText()));
      if (page.get("next").isNull()) {
        return ids;
      }
      p.put("after", page.get("next").toString());
    }
    throw new AssertionError("more than 100 pages");
  }

  private static List<String> idsBySql(String sql) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  @Test
  void givenNoTokenOrAWrongOne_whenCallingTheApi_thenEveryAnswerIs401() throws Exception {
    // given
    StudioClient anonymous = new StudioClient(writable.base(), null);
    StudioClient wrongToken = new StudioClient(writable.base(), "nope");

    // when / then
    for (String path :
        List.of("/api/schema", "/api/rows?schema=public&table=users", "/api/drift")) {
      assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
      assertThat(wrongToken.get(path).status()).as(path).isEqualTo(401);
    }
    assertThat(anonymous.post("/api/update", Map.of()).status()).isEqualTo(401);
    assertThat(new StudioClient(writable.base(), readOnly.token()).get("/api/schema").status())
        .as("another studio's token")
        .isEqualTo(401);
  }

  @Test
  void givenTheTokenUrl_whenOpened_thenThePageIsServedAndNoCookieIsSet() throws Exception {
    // given
    StudioClient anonymous = new StudioClient(writable.base(), null);

    // when
    StudioClient.Reply page = anonymous.get("/");

    // then: the token is in the fragment, which no request carries; the page holds no data
    assertThat(writable.url().toString())
        .matches("http://127\\.0\\.0\\.1:\\d+/#token=[0-9a-f]{48}");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.headers()).doesNotContainKey("set-cookie");
    assertThat(page.headers().get("content-type")).containsExactly("text/html; charset=utf-8");
    assertThat(page.body())
        .contains("<title>Drydock studio</title>")
        .doesNotContain("http:")
        .doesNotContain("https:");
    assertThat(anonymous.get("/app.js").status()).isEqualTo(200);
    assertThat(anonymous.get("/?token=" + writable.token()).headers())
        .doesNotContainKey("set-cookie")
        .doesNotContainKey("location");
    assertThat(anonymous.get("/nothing.js").status()).isEqualTo(404);
  }

  @Test
  void givenTheShopSchema_whenFetchingTheSchema_thenTablesKeysEnumsAndViewsAreThere()
      throws Exception {
    JsonNode schema = client.get("/api/schema").json();

    assertThat(schema.get("write").asBoolean()).isTrue();
    JsonNode users = relation(schema, "users");
    assertThat(users.get("kind").asText()).isEqualTo("TABLE");
    assertThat(users.get("comment").asText()).isEqualTo("people who post");
    assertThat(users.get("primaryKey").toString()).isEqualTo("[\"id\"]");
    assertThat(users.get("versionColumn").asText()).isEqualTo("lock_version");
    assertThat(names(users.get("columns")))
        .containsExactly(
            "id", "email", "name", "status", "age", "profile", "created_at", "lock_version");
    JsonNode status = users.get("columns").get(3);
    assertThat(status.get("enumValues").toString())
        .isEqualTo("[\"pending\",\"active\",\"archived\"]");
    assertThat(status.get("defaultValue").asText()).isEqualTo("'pending'::public.status");
    assertThat(users.get("columns").get(0).get("identity").asText()).isEqualTo("ALWAYS");
    assertThat(users.get("uniqueKeys").get(0).get("name").asText()).isEqualTo("users_email_key");
    assertThat(users.get("checks").get(0).get("definition").asText()).isEqualTo("CHECK (age >= 0)");
    JsonNode fk = relation(schema, "posts").get("foreignKeys").get(0);
    assertThat(fk.get("name").asText()).isEqualTo("posts_author_id_fkey");
    assertThat(fk.get("columns").toString()).isEqualTo("[\"author_id\"]");
    assertThat(fk.get("referencedTable").asText()).isEqualTo("users");
    assertThat(fk.get("referencedColumns").toString()).isEqualTo("[\"id\"]");
    assertThat(fk.get("onDelete").asText()).isEqualTo("CASCADE");
    assertThat(relation(schema, "active_users").get("kind").asText()).isEqualTo("VIEW");
  }

  private static JsonNode relation(JsonNode schema, String name) {
    for (JsonNode r : schema.get("relations")) {
      if (r.get("name").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no relation " + name);
  }

  private static List<String> names(JsonNode columns) {
    List<String> out = new ArrayList<>();
    columns.forEach(c -> out.add(c.get("name").asText()));
    return out;
  }

  @Test
  void givenUsers_whenPagingByKey_thenEveryRowComesOnceInKeyOrder() throws Exception {
    JsonNode first = rows(client, Map.of("schema", "public", "table", "tags"));
    assertThat(first.get("rows")).isEmpty();
    assertThat(first.get("next").isNull()).isTrue();

    List<String> ids = allIds(Map.of("schema", "public", "table", "users", "limit", "50"));

    assertThat(ids).isEqualTo(idsBySql("SELECT id FROM users ORDER BY id"));
  }

  @Test
  void givenANullableSortColumn_whenPaging_thenTheOrderIsPostgresNullOrderThenKey()
      throws Exception {
    List<String> ids =
        allIds(
            Map.of(
                "schema", "public", "table", "users", "sort", "age", "dir", "desc", "limit", "7"));

    assertThat(ids)
        .hasSize(120)
        .isEqualTo(idsBySql("SELECT id FROM users ORDER BY age DESC, id DESC"));
    List<String> byEmail =
        allIds(Map.of("schema", "public", "table", "users", "sort", "email", "limit", "33"));
    assertThat(byEmail).isEqualTo(idsBySql("SELECT id FROM users ORDER BY email, id"));
    List<String> byAge =
        allIds(Map.of("schema", "public", "table", "users", "sort", "age", "limit", "9"));
    assertThat(byAge).isEqualTo(idsBySql("SELECT id FROM users ORDER BY age, id"));
  }

  @Test
  void givenCombinedFilters_whenPaging_thenOnlyMatchingRowsCome() throws Exception {
    String filters =
        "[{\"column\":\"status\",\"op\":\"eq\",\"value\":\"active\"},"
            + "{\"column\":\"email\",\"op\":\"contains\",\"value\":\"R0\"},"
            + "{\"column\":\"age\",\"op\":\"gt\",\"value\":\"30\"}]";
    List<String> ids =
        allIds(Map.of("schema", "public", "table", "users", "filters", filters, "limit", "5"));
    List<String> nulls =
        allIds(
            Map.of(
                "schema",
                "public",
                "table",
                "users",
                "filters",
                "[{\"column\":\"age\",\"op\":\"is_null\"}]"));
    JsonNode count =
        client
            .get(
                "/api/count?"
                    + StudioClient.query(
                        Map.of("schema", "public", "table", "users", "filters", filters)))
            .json();

    assertThat(ids)
        .isNotEmpty()
        .isEqualTo(
            idsBySql(
                "SELECT id FROM users WHERE status = 'active' AND email ILIKE '%r0%' AND age > 30 ORDER BY id"));
    assertThat(nulls).isEqualTo(idsBySql("SELECT id FROM users WHERE age IS NULL ORDER BY id"));
    assertThat(count.get("value").asLong()).isEqualTo(ids.size());
    assertThat(count.get("estimated").asBoolean()).isFalse();
  }

  @Test
  void givenJsonbAndTimestamps_whenReading_thenJsonIsPrettyAndTimesAreIso() throws Exception {
    JsonNode page =
        rows(
            client,
            Map.of(
                "schema",
                "public",
                "table",
                "users",
                "filters",
                "[{\"column\":\"email\",\"op\":\"eq\",\"value\":\"user001@example.com\"}]"));

    JsonNode row = page.get("rows").get(0);
    assertThat(row.get(5).asText())
        .isEqualTo(
            "{\n    \"langs\": [\n        \"en\",\n        \"fr\"\n    ],\n    \"theme\": \"dark\"\n}");
    assertThat(row.get(6).asText()).isEqualTo("2026-01-02T03:04:05+00:00");
  }

  @Test
  void givenBadRequests_whenAsking_thenOneLineErrorsNameWhatIsWrong() throws Exception {
    StudioClient.Reply unknownColumn =
        client.get(
            "/api/rows?"
                + StudioClient.query(
                    Map.of("schema", "public", "table", "users", "sort", "id; DROP TABLE users")));
    StudioClient.Reply unknownTable =
        client.get(
            "/api/rows?" + StudioClient.query(Map.of("schema", "public", "table", "users\"; --")));
    StudioClient.Reply badOperator =
        client.get(
            "/api/rows?"
                + StudioClient.query(
                    Map.of(
                        "schema",
                        "public",
                        "table",
                        "users",
                        "filters",
                        "[{\"column\":\"id\",\"op\":\"like\",\"value\":\"1\"}]")));

    assertThat(unknownColumn.status()).isEqualTo(400);
    assertThat(unknownColumn.json().get("error").get("message").asText())
        .isEqualTo("Unknown column id; DROP TABLE users in public.users");
    assertThat(unknownTable.status()).isEqualTo(404);
    assertThat(unknownTable.json().get("error").get("message").asText())
        .isEqualTo("No table or view public.users\"; --");
    assertThat(badOperator.json().get("error").get("message").asText())
        .isEqualTo(
            "Unknown filter operator like (expected eq, ne, lt, gt, contains, is_null, not_null)");
    assertThat(idsBySql("SELECT count(*) FROM users")).containsExactly("120");
  }

  @Test
  void givenALoadedRow_whenSavedTwiceWithTheSameVersion_thenTheSecondIsRefusedAsStale()
      throws Exception {
    Map<String, Object> edit =
        Map.of(
            "schema",
            "public",
            "table",
            "users",
            "key",
            Map.of("id", "5"),
            "values",
            Map.of("name", "Ada", "status", "archived"),
            "version",
            "0");

    StudioClient.Reply saved = client.post("/api/update", edit);
    StudioClient.Reply stale =
        client.post(
            "/api/update",
            Map.of(
                "schema",
                "public",
                "table",
                "users",
                "key",
                Map.of("id", "5"),
                "values",
                Map.of("name", "Grace"),
                "version",
                "0"));
    StudioClient.Reply gone =
        client.post(
            "/api/update",
            Map.of(
                "schema",
                "public",
                "table",
                "users",
                "key",
                Map.of("id", "9999"),
                "values",
                Map.of("name", "Nobody"),
                "version",
                "0"));

    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().get("values").get("lock_version").asText()).isEqualTo("1");
    assertThat(saved.json().get("values").get("status").asText()).isEqualTo("archived");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().get("error").get("kind").asText()).isEqualTo("stale");
    assertThat(stale.json().get("error").get("message").asText())
        .isEqualTo("Not saved: the row was changed by someone else since you loaded it");
    assertThat(idsBySql("SELECT name || ' ' || lock_version FROM users WHERE id = 5"))
        .containsExactly("Ada 1");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("error").get("kind").asText()).isEqualTo("not_found");
  }

  @Test
  void givenConstraints_whenWritesBreakThem_thenTheMessageNamesTheConstraint() throws Exception {
    StudioClient.Reply duplicate =
        client.post(
            "/api/update",
            Map.of(
                "schema",
                "public",
                "table",
                "users",
                "key",
                Map.of("id", "6"),
                "values",
                Map.of("email", "user007@example.com"),
                "version",
                "0"));
    StudioClient.Reply missing =
        client.post(
            "/api/insert",
            Map.of(
                "schema",
                "public",
                "table",
                "posts",
                "values",
                Map.of("author_id", "99999", "title", "Orphan")));
    StudioClient.Reply check =
        client.post(
            "/api/update",
            Map.of(
                "schema",
                "public",
                "table",
                "users",
                "key",
                Map.of("id", "6"),
                "values",
                Map.of("age", "-1"),
                "version",
                "0"));
    StudioClient.Reply badEnum =
        client.post(
            "/api/update",
            Map.of(
                "schema",
                "public",
                "table",
                "users",
                "key",
                Map.of("id", "6"),
                "values",
                Map.of("status", "deleted"),
                "version",
                "0"));

    assertThat(duplicate.status()).isEqualTo(409);
    JsonNode d = duplicate.json().get("error");
    assertThat(d.get("kind").asText()).isEqualTo("duplicate_key");
    assertThat(d.get("constraint").asText()).isEqualTo("users_email_key");
    assertThat(d.get("message").asText())
        .isEqualTo(
            "Duplicate key: [23505] duplicate key value violates unique constraint \"users_email_key\" (Key (email)=(user007@example.com) already exists.)");
    assertThat(missing.json().get("error").get("kind").asText()).isEqualTo("missing_reference");
    assertThat(missing.json().get("error").get("constraint").asText())
        .isEqualTo("posts_author_id_fkey");
    assertThat(check.status()).isEqualTo(422);
    assertThat(check.json().get("error").get("message").asText())
        .startsWith(
            "Check violation: [23514] new row for relation \"users\" violates check constraint \"users_age_check\"");
    assertThat(badEnum.json().get("error").get("message").asText())
        .isEqualTo("Invalid input: [22P02] invalid input value for enum status: \"deleted\"");
    assertThat(idsBySql("SELECT email || ' ' || lock_version FROM users WHERE id = 6"))
        .containsExactly("user006@example.com 0");
  }

  @Test
  void givenWriteMode_whenInsertingAndDeleting_thenRowsComeAndGo() throws Exception {
    StudioClient.Reply inserted =
        client.post(
            "/api/insert",
            Map.of(
                "schema",
                "public",
                "table",
                "tags",
                "values",
                Map.of("name", "it's \"quoted\"; DROP TABLE tags; --")));
    StudioClient.Reply generated =
        client.post(
            "/api/insert",
            Map.of(
                "schema",
                "public",
                "table",
                "users",
                "values",
                Map.of("id", "1", "email", "x", "name", "x")));
    StudioClient.Reply deleted =
        client.post(
            "/api/delete",
            Map.of(
                "schema",
                "public",
                "table",
                "tags",
                "key",
                Map.of("name", "it's \"quoted\"; DROP TABLE tags; --")));

    assertThat(inserted.status()).as(inserted.body()).isEqualTo(200);
    assertThat(inserted.json().get("values").get("name").asText())
        .isEqualTo("it's \"quoted\"; DROP TABLE tags; --");
    assertThat(generated.status()).isEqualTo(400);
    assertThat(generated.json().get("error").get("message").asText())
        .isEqualTo("Column id is generated and cannot be written");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(idsBySql("SELECT count(*) FROM tags")).containsExactly("0");
  }

  @Test
  void givenReadOnlyMode_whenWriting_thenRefusedAndTheTransactionIsReadOnly() throws Exception {
    StudioClient.Reply update =
        readOnlyClient.post(
            "/api/update",
            Map.of(
                "schema",
                "public",
                "table",
                "users",
                "key",
                Map.of("id", "7"),
                "values",
                Map.of("name", "Mallory"),
                "version",
                "0"));
    StudioClient.Reply read = readOnlyClient.get("/api/rows?schema=public&table=users&limit=3");

    assertThat(update.status()).isEqualTo(403);
    assertThat(update.json().get("error").get("message").asText())
        .isEqualTo("The studio is read-only: start it with --write to edit rows");
    assertThat(read.status()).isEqualTo(200);
    assertThat(readOnlyClient.get("/api/schema").json().get("write").asBoolean()).isFalse();
    // below the HTTP refusal: the connection itself only runs read-only transactions, with a
    // timeout
    try (ConnectionPool pool =
        new ConnectionPool(
            db.url(), db.properties(), 1, true, Duration.ofSeconds(3), Duration.ofSeconds(1))) {
      Connection c = pool.borrow();
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT current_setting('transaction_read_only'), current_setting('statement_timeout')")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("on");
        assertThat(rs.getString(2)).isEqualTo("3s");
      }
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE users SET name = 'Mallory' WHERE id = 7")) {
        assertThatThrownBy(ps::executeUpdate)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("cannot execute UPDATE in a read-only transaction");
      }
      c.rollback();
      pool.release(c, false);
    }
    assertThat(idsBySql("SELECT name FROM users WHERE id = 7")).containsExactly("User 7");
  }

  @Test
  void givenAPasswordConnection_whenReadingEverything_thenNoResponseContainsThePassword()
      throws Exception {
    StudioClient c = new StudioClient(writable.base(), writable.token());
    c.get("/");
    c.get("/app.js");
    c.get("/diagram.js");
    c.get("/api/schema");
    c.get("/api/drift");
    c.get("/api/rows?schema=public&table=users");
    c.get("/api/rows?schema=public&table=active_users");
    c.post(
        "/api/update",
        Map.of(
            "schema",
            "public",
            "table",
            "users",
            "key",
            Map.of("id", "8"),
            "values",
            Map.of("email", "user009@example.com"),
            "version",
            "0"));

    assertThat(c.seen)
        .hasSize(8)
        .allSatisfy(r -> assertThat(r).doesNotContain(StudioFixture.PASSWORD));
    assertThat(c.seen.get(3)).contains("\"database\":\"" + db.url() + "\"");
  }
}
