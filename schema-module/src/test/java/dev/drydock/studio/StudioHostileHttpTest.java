package dev.drydock.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The studio's API on hostile data and hostile requests: key names with parentheses, 10 MB values,
 * wide rows, oversized bodies, rebound host names, other origins, redirect-looking paths.
 */
@ExtendWith(SharedPostgres.class)
class StudioHostileHttpTest {

  static final String HOSTILE =
      """
      CREATE TABLE weird ("a)b" int PRIMARY KEY, a int, note text);
      INSERT INTO weird VALUES (1, 7, 'one'), (2, 7, 'two'), (3, 7, 'three'), (4, 8, 'four');
      CREATE TABLE legacy ("sku (legacy)" text PRIMARY KEY, name text NOT NULL, content text);
      INSERT INTO legacy VALUES ('A-1', '', ''), ('A-2', E'two\\nlines', NULL);
      CREATE TABLE blobs (id int PRIMARY KEY, body text);
      INSERT INTO blobs SELECT i, repeat(chr(96 + i), 10000000) FROM generate_series(1, 3) i;
      CREATE TABLE wide (id int PRIMARY KEY, a text, b text, c text);
      INSERT INTO wide SELECT i, repeat('a', 3000), repeat('b', 3000), repeat('c', 3000)
        FROM generate_series(1, 1000) i;
      """;

  private static StudioFixture db;
  private static Studio studio;
  private static Studio drifted;
  private static StudioClient client;

  @BeforeAll
  static void start(TestServer server) throws Exception {
    db = new StudioFixture(server);
    db.execute(HOSTILE);
    studio = db.start(true);
    client = new StudioClient(studio.base(), studio.token());
    drifted =
        Studio.start(
            StudioSettings.configure().build(),
            db.url(),
            db.properties(),
            db.url(),
            db.schema(),
            new DriftReport(
                true,
                "migrations in db/migration",
                List.of(
                    new DriftReport.Item(
                        "column",
                        "public.users.phone",
                        "added",
                        null,
                        null,
                        "text",
                        "public",
                        "users"))));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {studio, drifted, db}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static JsonNode ok(StudioClient.Reply r) throws Exception {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static JsonNode rows(Map<String, String> parameters) throws Exception {
    return ok(client.get("/api/rows?" + StudioClient.query(parameters)));
  }

  private static List<String> column(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (var c = db.connect();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** One raw HTTP/1.1 exchange, so that Host and the request line are exactly as written. */
  private static String raw(String requestLine, String... headers) throws Exception {
    try (Socket s = new Socket("127.0.0.1", studio.base().getPort())) {
      StringBuilder request = new StringBuilder(requestLine).append("\r\n");
      for (String h : headers) {
        request.append(h).append("\r\n");
      }
      request.append("Connection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static String host() {
    return "Host: 127.0.0.1:" + studio.base().getPort();
  }

  private static String bearer() {
    return "Authorization: Bearer " + studio.token();
  }

  @Test
  void givenAKeyColumnNamedWithAParenthesis_whenEditingAndDeleting_thenExactlyOneRowChanges()
      throws Exception {
    // given: "a)b" is the key; three rows share a = 7
    JsonNode weird = null;
    for (JsonNode r : ok(client.get("/api/schema")).get("relations")) {
      if (r.get("name").asText().equals("weird")) {
        weird = r;
      }
    }

    // when
    StudioClient.Reply updated =
        client.post(
            "/api/update",
            Map.of(
                "schema",
                "public",
                "table",
                "weird",
                "key",
                Map.of("a)b", "1"),
                "values",
                Map.of("note", "edited")));
    StudioClient.Reply deleted =
        client.post(
            "/api/delete", Map.of("schema", "public", "table", "weird", "key", Map.of("a)b", "2")));

    // then
    assertThat(weird.get("primaryKey").toString()).isEqualTo("[\"a)b\"]");
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    assertThat(column("SELECT \"a)b\" || ':' || note FROM weird ORDER BY 1"))
        .containsExactly("1:edited", "3:three", "4:four");
  }

  @Test
  void givenAKeyColumnWithSpacesAndParentheses_whenBrowsing_thenRowsAndTheWholeValueCome()
      throws Exception {
    // when
    JsonNode page = rows(Map.of("schema", "public", "table", "legacy", "sort", "name"));
    JsonNode value =
        ok(
            client.get(
                "/api/value?"
                    + StudioClient.query(
                        Map.of(
                            "schema", "public",
                            "table", "legacy",
                            "column", "name",
                            "key", "{\"sku (legacy)\": \"A-2\"}"))));

    // then
    assertThat(page.get("columns").toString()).isEqualTo("[\"sku (legacy)\",\"name\",\"content\"]");
    assertThat(page.get("rows").toString())
        .isEqualTo("[[\"A-1\",\"\",\"\"],[\"A-2\",\"two\\nlines\",null]]");
    assertThat(value.get("value").asText()).isEqualTo("two\nlines");
  }

  @Test
  void givenTenMegabyteValues_whenPaging_thenValuesComeCutAndWholeOnRequest() throws Exception {
    // when
    StudioClient.Reply page =
        client.get(
            "/api/rows?"
                + StudioClient.query(Map.of("schema", "public", "table", "blobs", "limit", "500")));
    JsonNode whole =
        ok(
            client.get(
                "/api/value?"
                    + StudioClient.query(
                        Map.of(
                            "schema", "public",
                            "table", "blobs",
                            "column", "body",
                            "key", "{\"id\": \"2\"}"))));

    // then: 3 x 2,000 characters, not 30 MB
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body().length()).isLessThan(10_000);
    JsonNode json = page.json();
    assertThat(json.get("rows").get(1).get(1).asText())
        .isEqualTo("b".repeat(RowStore.PREVIEW_CHARS));
    assertThat(json.get("clipped").toString())
        .isEqualTo("[{\"row\":0,\"column\":1},{\"row\":1,\"column\":1},{\"row\":2,\"column\":1}]");
    assertThat(whole.get("value").asText()).hasSize(10_000_000).startsWith("bbb").endsWith("bbb");
  }

  @Test
  void givenTenMegabyteValues_whenSortedByThemAndPaged_thenEveryPageIsSmallAndInOrder()
      throws Exception {
    // given: sorted by the 10 MB column, one row a page, descending and ascending
    for (String dir : List.of("desc", "asc")) {
      Map<String, String> p =
          new LinkedHashMap<>(
              Map.of(
                  "schema", "public", "table", "blobs", "sort", "body", "dir", dir, "limit", "1"));
      List<String> ids = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();

      // when
      for (int pages = 0; pages < 10; pages++) {
        StudioClient.Reply r = client.get("/api/rows?" + StudioClient.query(p));
        JsonNode page = ok(r);
        sizes.add(r.body().length());
        page.get("rows").forEach(row -> ids.add(row.get(0).asText()));
        if (page.get("next").isNull()) {
          break;
        }
        // then: the cursor is the key alone, not the 10 MB sort value
        assertThat(page.get("next").toString()).isEqualTo("[\"" + ids.get(ids.size() - 1) + "\"]");
        p.put("after", page.get("next").toString());
      }

      // then
      assertThat(ids)
          .as(dir)
          .isEqualTo(dir.equals("asc") ? List.of("1", "2", "3") : List.of("3", "2", "1"));
      assertThat(sizes).as(dir).allSatisfy(size -> assertThat(size).isLessThan(5_000));
    }
  }

  @Test
  void givenWideRows_whenPagingAtTheLargestLimit_thenPagesAreBoundedByCharactersAndComplete()
      throws Exception {
    // given: 1,000 rows of 3 x 2,000 shown characters (6 MB of values at 1,000 rows a page)
    Map<String, String> p =
        new LinkedHashMap<>(Map.of("schema", "public", "table", "wide", "limit", "1000"));
    List<Integer> sizes = new ArrayList<>();
    List<String> ids = new ArrayList<>();

    // when
    for (int pages = 0; pages < 50; pages++) {
      JsonNode page = rows(p);
      sizes.add(page.get("rows").size());
      page.get("rows").forEach(row -> ids.add(row.get(0).asText()));
      if (page.get("next").isNull()) {
        break;
      }
      p.put("after", page.get("next").toString());
    }

    // then: a page stops after the row that takes it past 1,000,000 characters (about 6,020 a row)
    assertThat(sizes.get(0)).isBetween(160, 170);
    assertThat(sizes).hasSizeGreaterThan(5);
    assertThat(ids).hasSize(1000).doesNotHaveDuplicates();
    assertThat(ids.get(999)).isEqualTo("1000");
  }

  @Test
  void givenABodyOverTheLimit_whenPosted_thenA413SaysSo() throws Exception {
    // given
    String body =
        "{\"schema\":\"public\",\"table\":\"weird\",\"values\":{\"note\":\""
            + "x".repeat(Api.MAX_BODY_BYTES)
            + "\"}}";

    // when
    StudioClient.Reply r = client.postRaw("/api/insert", body);

    // then
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("error").get("message").asText())
        .isEqualTo("Request body over 8 MiB: the studio does not take it");
  }

  @Test
  void givenFiltersThatAreNotAnArray_whenPaging_thenA400NamesTheShape() throws Exception {
    // when
    StudioClient.Reply r =
        client.get(
            "/api/rows?"
                + StudioClient.query(
                    Map.of("schema", "public", "table", "weird", "filters", "{\"column\":\"a\"}")));

    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("message").asText())
        .isEqualTo(
            "filters must be a JSON array of {\"column\", \"op\", \"value\"} objects, got object");
  }

  @Test
  void givenARedirectLookingPathOrAnEncodedNewline_whenRequested_thenNoRedirectAndNoNewHeader()
      throws Exception {
    // when
    String slashes =
        raw("GET /%2F%2F127.0.0.1:28080/x?token=" + studio.token() + " HTTP/1.1", host());
    String folded =
        raw("GET /%0d%0a%20X-Injected:%20yes?token=" + studio.token() + " HTTP/1.1", host());

    // then
    assertThat(slashes).startsWith("HTTP/1.1 404").doesNotContainIgnoringCase("location:");
    assertThat(folded).startsWith("HTTP/1.1 404").doesNotContainIgnoringCase("x-injected");
  }

  @Test
  void givenAnotherHostNameOrOrigin_whenCallingTheApiWithTheToken_thenForbidden() throws Exception {
    // given: the right token, sent the way a rebound DNS name or another local page would
    int port = studio.base().getPort();

    // when
    String rebound = raw("GET /api/schema HTTP/1.1", "Host: attacker.example:" + port, bearer());
    String reboundPage = raw("GET / HTTP/1.1", "Host: attacker.example:" + port);
    String otherPort = raw("GET /api/schema HTTP/1.1", "Host: 127.0.0.1:" + (port + 1), bearer());
    String otherOrigin =
        raw("GET /api/schema HTTP/1.1", host(), bearer(), "Origin: http://127.0.0.1:3000");
    String sameSite =
        raw("GET /api/schema HTTP/1.1", host(), bearer(), "Sec-Fetch-Site: same-site");
    String own =
        raw(
            "GET /api/schema HTTP/1.1",
            host(),
            bearer(),
            "Origin: http://127.0.0.1:" + port,
            "Sec-Fetch-Site: same-origin");
    String localhost = raw("GET /api/schema HTTP/1.1", "Host: localhost:" + port, bearer());

    // then
    assertThat(rebound)
        .startsWith("HTTP/1.1 403")
        .endsWith(
            "403 Forbidden: Host attacker.example:" + port + " is not this studio's address\n");
    assertThat(reboundPage).startsWith("HTTP/1.1 403");
    assertThat(otherPort).startsWith("HTTP/1.1 403");
    assertThat(otherOrigin)
        .startsWith("HTTP/1.1 403")
        .endsWith("403 Forbidden: a request from another origin (http://127.0.0.1:3000)\n");
    assertThat(sameSite).startsWith("HTTP/1.1 403");
    assertThat(own).startsWith("HTTP/1.1 200");
    assertThat(localhost).startsWith("HTTP/1.1 200");
  }

  @Test
  void givenADriftReport_whenServed_thenDriftIsTrueWithTheTableOfEachDifference() throws Exception {
    // given
    StudioClient c = new StudioClient(drifted.base(), drifted.token());

    // when
    JsonNode drift = ok(c.get("/api/drift"));
    JsonNode schema = ok(c.get("/api/schema"));

    // then
    assertThat(drift.get("drift").asBoolean()).isTrue();
    assertThat(drift.get("enabled").asBoolean()).isTrue();
    assertThat(schema.get("drift").asBoolean()).isTrue();
    assertThat(drift.get("differences").get(0).get("table").asText()).isEqualTo("users");
  }
}
