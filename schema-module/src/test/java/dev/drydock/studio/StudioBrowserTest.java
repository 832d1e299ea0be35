package dev.drydock.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio in a real browser: Debian's headless Chromium driven by Selenium (no driver download:
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}). One studio, one browser session,
 * the steps in order; screenshots in {@code target/studio-*.png}.
 */
@ExtendWith(SharedPostgres.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioBrowserTest {

  static final String HOSTILE =
      """
      CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL, age int, content text, note text);
      INSERT INTO people VALUES (1, E'Ada\nLovelace', 36, '', NULL), (2, '', 40, 'x', 'n');
      CREATE TABLE weird ("a)b" int PRIMARY KEY, a int, note text);
      INSERT INTO weird VALUES (1, 7, 'one'), (2, 7, 'two'), (3, 7, 'three'), (4, 8, 'four');
      CREATE TABLE legacy ("sku (legacy)" text PRIMARY KEY, name text NOT NULL);
      INSERT INTO legacy VALUES ('A-1', 'first'), ('A-2', 'second');
      CREATE TABLE blobs (id int PRIMARY KEY, body text);
      CREATE INDEX users_name_idx ON users (name);
      INSERT INTO blobs SELECT i, repeat(chr(96 + i), 300000) FROM generate_series(1, 2) i;
      """;

  private static StudioFixture db;
  private static Studio studio;
  private static Chromium chromium;
  private static ChromeDriver browser;
  private static WebDriverWait wait;

  @BeforeAll
  static void startStudioAndBrowser(TestServer server) throws Exception {
    db = new StudioFixture(server);
    db.execute(StudioDiagramSchema.sql("big", 60));
    db.execute(HOSTILE);
    studio =
        Studio.start(
            StudioSettings.configure().write(true).build(),
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
    chromium = new Chromium();
    browser = chromium.driver;
    wait = chromium.wait;
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (studio != null) {
      studio.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private static void screenshot(String name) throws Exception {
    chromium.screenshot(name);
  }

  private static List<String> column(int index) {
    return browser.findElements(By.cssSelector("#grid tbody tr")).stream()
        .map(tr -> tr.findElements(By.tagName("td")).get(index).getText())
        .toList();
  }

  private static void waitForMessage(String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), text));
  }

  private static void openTable(String qualified) {
    browser.executeScript("document.getElementById('grid').replaceChildren()");
    browser.findElement(By.cssSelector(".table-link[data-name='" + qualified + "']")).click();
    wait.until(ExpectedConditions.textToBe(By.id("rows-title"), qualifiedTitle(qualified)));
    wait.until(d -> !d.findElements(By.cssSelector("#grid tbody tr")).isEmpty());
  }

  private static String qualifiedTitle(String qualified) {
    return qualified.equals("public.users") ? "public.users — people who post" : qualified;
  }

  @Test
  @Order(1)
  void givenTheTokenUrl_whenOpened_thenTablesAndTheDiagramAreShown() throws Exception {
    browser.get(studio.url().toString());
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));

    assertThat(browser.getCurrentUrl()).isEqualTo(studio.base() + "/");
    List<String> tables =
        browser.findElements(By.cssSelector(".table-link")).stream()
            .map(e -> e.getDomAttribute("data-name"))
            .toList();
    assertThat(tables)
        .contains(
            "public.users",
            "public.posts",
            "public.tags",
            "public.active_users",
            "big.t00",
            "big.t59");
    new Select(browser.findElement(By.id("schema-filter"))).selectByValue("public");
    wait.until(d -> d.findElements(By.cssSelector("#diagram g.erd-table")).size() == 7);
    assertThat(browser.findElements(By.cssSelector("#diagram path.erd-edge"))).hasSize(1);
    assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("read-write");
  }

  @Test
  @Order(3)
  void givenTheDiagram_whenATableIsClicked_thenItsRowsOpenAndPageByKey() throws Exception {
    new Select(browser.findElement(By.id("schema-filter"))).selectByValue("public");
    wait.until(d -> d.findElements(By.cssSelector("#diagram g.erd-table")).size() == 7);
    browser
        .findElement(By.cssSelector("#diagram g.erd-table[data-table='public.users'] rect.head"))
        .click();
    wait.until(ExpectedConditions.textToBe(By.id("rows-title"), "public.users — people who post"));
    wait.until(d -> d.findElements(By.cssSelector("#grid tbody tr")).size() == 50);

    assertThat(column(1).subList(0, 3)).containsExactly("1", "2", "3");
    browser.findElement(By.id("next-page")).click();
    wait.until(ExpectedConditions.textToBe(By.id("page-number"), "page 2"));
    assertThat(column(1).get(0)).isEqualTo("51");
    browser.findElement(By.id("next-page")).click();
    wait.until(ExpectedConditions.textToBe(By.id("page-number"), "page 3"));
    assertThat(column(1)).hasSize(20).endsWith("120");
    assertThat(browser.findElement(By.id("next-page")).isEnabled()).isFalse();
    browser.findElement(By.id("prev-page")).click();
    wait.until(ExpectedConditions.textToBe(By.id("page-number"), "page 2"));
    assertThat(column(1).get(0)).isEqualTo("51");
    assertThat(browser.findElement(By.id("row-count")).getText()).isEqualTo("120 rows");
  }

  @Test
  @Order(4)
  void givenAFilter_whenAdded_thenOnlyMatchingRowsShow() throws Exception {
    new Select(browser.findElement(By.id("filter-column"))).selectByValue("status");
    new Select(browser.findElement(By.id("filter-op"))).selectByValue("eq");
    browser.findElement(By.id("filter-value")).sendKeys("active");
    browser.findElement(By.id("filter-add")).click();
    wait.until(ExpectedConditions.textToBe(By.id("row-count"), "40 rows"));

    assertThat(column(4)).hasSize(40).containsOnly("active");
    assertThat(browser.findElement(By.id("filters")).getText()).contains("status = active");
    screenshot("rows");
  }

  @Test
  @Order(5)
  void givenARow_whenEditedInTheForm_thenItIsSavedWithTheNextVersion() throws Exception {
    browser.findElements(By.cssSelector("#grid button.edit")).get(0).click();
    WebElement name = browser.findElement(By.cssSelector("#editor [name='name']"));
    Select status = new Select(browser.findElement(By.cssSelector("#editor [name='status']")));
    assertThat(status.getOptions().stream().map(WebElement::getText).toList())
        .containsExactly("pending", "active", "archived");
    name.clear();
    name.sendKeys("Ada Lovelace");
    browser.findElement(By.id("save")).click();
    waitForMessage("Saved.");

    assertThat(db.connect().createStatement().executeQuery("SELECT 1").next()).isTrue();
    try (var c = db.connect();
        var rs =
            c.createStatement().executeQuery("SELECT name, lock_version FROM users WHERE id = 1")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("Ada Lovelace");
      assertThat(rs.getInt(2)).isEqualTo(1);
    }
  }

  @Test
  @Order(6)
  void givenARowChangedBehindTheForm_whenSaved_thenTheStaleEditIsRefused() throws Exception {
    wait.until(d -> column(3).contains("Ada Lovelace"));
    browser.findElements(By.cssSelector("#grid button.edit")).get(0).click();
    db.execute("UPDATE users SET age = 99, lock_version = lock_version + 1 WHERE id = 1");
    WebElement name = browser.findElement(By.cssSelector("#editor [name='name']"));
    name.clear();
    name.sendKeys("Overwritten?");
    browser.findElement(By.id("save")).click();
    waitForMessage("changed by someone else since you loaded it");

    assertThat(browser.findElement(By.id("message")).getDomAttribute("class")).isEqualTo("error");
    try (var c = db.connect();
        var rs = c.createStatement().executeQuery("SELECT name, age FROM users WHERE id = 1")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("Ada Lovelace");
      assertThat(rs.getInt(2)).isEqualTo(99);
    }
  }

  @Test
  @Order(7)
  void givenAnEmailInUse_whenSaved_thenTheDuplicateKeyMessageNamesTheConstraint() throws Exception {
    browser.findElement(By.id("cancel")).click();
    browser.findElements(By.cssSelector("#grid button.edit")).get(1).click();
    WebElement email = browser.findElement(By.cssSelector("#editor [name='email']"));
    email.clear();
    email.sendKeys("user001@example.com");
    browser.findElement(By.id("save")).click();
    waitForMessage("users_email_key");

    assertThat(browser.findElement(By.id("message")).getText())
        .startsWith(
            "Duplicate key: [23505] duplicate key value violates unique constraint \"users_email_key\"");
    screenshot("duplicate-key");
  }

  @Test
  @Order(8)
  void givenAForeignKeyValue_whenClicked_thenTheReferencedRowOpens() {
    browser.findElement(By.id("cancel")).click();
    openTable("public.posts");
    WebElement link = browser.findElement(By.cssSelector("#grid a.fk-link"));
    String author = link.getText();
    link.click();
    wait.until(ExpectedConditions.textToBe(By.id("rows-title"), "public.users — people who post"));
    wait.until(ExpectedConditions.textToBe(By.id("row-count"), "1 rows"));

    assertThat(column(1)).containsExactly(author);
  }

  @Test
  @Order(9)
  void givenAnotherLocalServer_whenVisitedAfterTheStudio_thenItGetsNoTokenAndItsPageCannotWrite()
      throws Exception {
    // given: a dev server on another port of the same host that records every Cookie header,
    // whose page tries to read the studio's API and to insert a row through it
    List<String> cookies = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    int studioPort = studio.base().getPort();
    String page =
        "<!doctype html><title>other</title><script>"
            + "const s = 'http://127.0.0.1:"
            + studioPort
            + "/api/';"
            + "Promise.all(["
            + " fetch(s + 'schema', {credentials: 'include'}).then(r => r.status, e => 'blocked'),"
            + " fetch(s + 'insert', {method: 'POST', mode: 'no-cors', credentials: 'include',"
            + "  headers: {'Content-Type': 'text/plain'},"
            + "  body: JSON.stringify({schema: 'public', table: 'tags', values: {name: 'pwned'}})})"
            + "  .then(r => r.type, e => 'blocked')"
            + "]).then(r => { document.title = 'done ' + r.join(' '); });"
            + "</script>";
    other.createContext(
        "/",
        exchange -> {
          try (exchange) {
            cookies.addAll(exchange.getRequestHeaders().getOrDefault("Cookie", List.of()));
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    other.start();
    try {
      browser.get(studio.url().toString());
      waitReady();

      // when
      browser.get("http://127.0.0.1:" + other.getAddress().getPort() + "/page");
      wait.until(d -> d.getTitle().startsWith("done"));

      // then
      assertThat(cookies).isEmpty();
      assertThat(browser.getTitle()).isEqualTo("done blocked opaque");
      try (var c = db.connect();
          var rs = c.createStatement().executeQuery("SELECT count(*) FROM tags")) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    } finally {
      other.stop(0);
    }
  }

  @Test
  @Order(10)
  void givenTwoStudiosInOneBrowser_whenSwitchingBetweenThem_thenNeitherLogsTheOtherOut()
      throws Exception {
    // given
    try (Studio second = db.start(false)) {
      browser.get(studio.url().toString());
      waitReady();

      // when
      browser.get(second.url().toString());
      waitReady();
      String secondMode = browser.findElement(By.id("mode")).getText();
      browser.get(studio.base() + "/");
      waitReady();

      // then
      assertThat(secondMode).isEqualTo("read-only");
      assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("read-write");
      assertThat(browser.findElement(By.id("message")).getText()).isEmpty();
      openTable("public.users");
    }
  }

  @Test
  @Order(11)
  void givenARowWithANewlineAndAnEmptyString_whenOnlyTheAgeIsEdited_thenEveryOtherColumnIsKept()
      throws Exception {
    // given: name 'Ada\nLovelace', content '' (not NULL), note NULL
    browser.get(studio.base() + "/");
    waitReady();
    openTable("public.people");
    browser.findElements(By.cssSelector("#grid button.edit")).get(0).click();

    // when
    WebElement age = browser.findElement(By.cssSelector("#editor [name='age']"));
    age.clear();
    age.sendKeys("37");
    browser.findElement(By.id("save")).click();
    waitForMessage("Saved.");

    // then
    assertThat(person(1)).containsExactly("'1'", "'Ada\nLovelace'", "'37'", "''", "NULL");
  }

  @Test
  @Order(12)
  void givenANotNullColumnHoldingAnEmptyString_whenAnotherFieldIsSaved_thenTheRowIsSaved()
      throws Exception {
    // given: row 2 has name = '' (NOT NULL)
    openTable("public.people");
    browser.findElements(By.cssSelector("#grid button.edit")).get(1).click();

    // when
    WebElement content = browser.findElement(By.cssSelector("#editor [name='content']"));
    content.clear();
    content.sendKeys("line one", Keys.ENTER, "line two");
    browser.findElement(By.id("save")).click();
    waitForMessage("Saved.");

    // then
    assertThat(person(2)).containsExactly("'2'", "''", "'40'", "'line one\nline two'", "'n'");
  }

  @Test
  @Order(13)
  void givenTheNullToggles_whenTickedAndUnticked_thenNullAndEmptyStringAreWrittenAsShown()
      throws Exception {
    // given
    openTable("public.people");
    browser.findElements(By.cssSelector("#grid button.edit")).get(0).click();
    WebElement contentNull =
        browser.findElement(By.cssSelector("#editor input.null-toggle[data-column='content']"));
    WebElement noteNull =
        browser.findElement(By.cssSelector("#editor input.null-toggle[data-column='note']"));
    boolean noteShownNull = noteNull.isSelected();
    boolean contentShownNull = contentNull.isSelected();

    // when: content '' becomes NULL, note NULL becomes ''
    contentNull.click();
    noteNull.click();
    browser.findElement(By.id("save")).click();
    waitForMessage("Saved.");

    // then
    assertThat(noteShownNull).isTrue();
    assertThat(contentShownNull).isFalse();
    assertThat(person(1)).containsExactly("'1'", "'Ada\nLovelace'", "'37'", "NULL", "''");
  }

  @Test
  @Order(14)
  void givenAKeyColumnNamedWithAParenthesis_whenARowIsEditedAndAnotherDeleted_thenOnlyThoseChange()
      throws Exception {
    // given: key "a)b"; three rows have a = 7
    openTable("public.weird");
    browser.findElements(By.cssSelector("#grid button.edit")).get(0).click();

    // when
    WebElement note = browser.findElement(By.cssSelector("#editor [name='note']"));
    note.clear();
    note.sendKeys("edited");
    browser.findElement(By.id("save")).click();
    waitForMessage("Saved.");
    openTable("public.weird");
    browser.findElements(By.cssSelector("#grid button.edit")).get(1).click();
    browser.findElement(By.id("delete")).click();
    browser.switchTo().alert().accept();
    waitForMessage("Row deleted.");

    // then
    assertThat(sql("SELECT \"a)b\" || ':' || a || ':' || note FROM weird ORDER BY 1"))
        .containsExactly("1:7:edited", "3:7:three", "4:8:four");
  }

  @Test
  @Order(15)
  void givenAKeyColumnWithSpacesAndParentheses_whenOpened_thenItsRowsShow() {
    // when
    openTable("public.legacy");

    // then
    assertThat(column(1)).containsExactly("A-1", "A-2");
    assertThat(browser.findElement(By.id("message")).getText()).isEmpty();
  }

  @Test
  @Order(16)
  void givenLongValues_whenShown_thenCutWithAButtonThatShowsTheWholeValue() {
    // given
    openTable("public.blobs");
    String shown = browser.findElement(By.cssSelector("#grid td.clipped span")).getText();

    // when
    browser.findElement(By.cssSelector("#grid td.clipped button.more")).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#whole-value textarea")));

    // then
    assertThat(shown).isEqualTo("a".repeat(200) + "…");
    assertThat(
            chromium.script("return document.querySelector('#whole-value textarea').value.length"))
        .isEqualTo(300_000L);
    assertThat(browser.findElement(By.cssSelector("#whole-value h3")).getText())
        .isEqualTo("body (300,000 characters)");
    browser.findElement(By.cssSelector("#whole-value button")).click();
  }

  @Test
  @Order(17)
  void givenTheUsersTable_whenTheStructureTabIsOpened_thenColumnsKeysIndexesAndDriftShow() {
    // given
    openTable("public.users");

    // when
    browser.findElement(By.id("tab-structure")).click();

    // then
    WebElement view = browser.findElement(By.id("view-structure"));
    assertThat(view.getText()).doesNotContain("[object").doesNotContain("nullnull");
    assertThat(firstCells("columns"))
        .containsExactly(
            "id", "email", "name", "status", "age", "profile", "created_at", "lock_version");
    assertThat(firstCells("primary-key")).containsExactly("1");
    assertThat(partText("primary-key")).contains("id");
    assertThat(firstCells("unique-keys")).containsExactly("users_email_key");
    assertThat(firstCells("checks")).containsExactly("users_age_check");
    assertThat(firstCells("indexes")).containsExactly("users_name_idx");
    assertThat(partText("drift")).contains("public.users.phone");
    browser.findElement(By.id("tab-structure")).click();
    openTable("public.posts");
    browser.findElement(By.id("tab-structure")).click();
    assertThat(partText("foreign-keys")).contains("author_id").contains("public.users (id)");
  }

  @Test
  @Order(18)
  void givenADriftReport_whenThePageShowsIt_thenTheBadgeAndTheTabListTheDifference() {
    // when
    browser.findElement(By.id("tab-drift")).click();

    // then
    WebElement badge = browser.findElement(By.id("drift-badge"));
    assertThat(badge.getText()).isEqualTo("1 difference from the migrations");
    assertThat(badge.getDomAttribute("class")).isEqualTo("badge drift");
    assertThat(browser.findElement(By.cssSelector("#view-drift h2")).getText())
        .isEqualTo("Drift from migrations in db/migration");
    assertThat(
            browser.findElements(By.cssSelector("#view-drift tbody td")).stream()
                .map(WebElement::getText)
                .toList())
        .containsExactly("added", "column", "public.users.phone", "", "", "text");
  }

  @Test
  @Order(19)
  void givenNoToken_whenThePageIsOpenedInAFreshTab_thenItAsksForTheTokenAndTheApiIs401() {
    // given
    browser.executeScript("sessionStorage.clear()");

    // when
    browser.get(studio.base() + "/");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "token"));

    // then
    assertThat(browser.findElement(By.id("message")).getText())
        .startsWith("Open the address with the token that `drydock studio` printed");
    browser.get(studio.base() + "/api/schema");
    assertThat(browser.findElement(By.tagName("body")).getText())
        .startsWith("401 Unauthorized: open the address with the token");
  }

  private static void waitReady() {
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
  }

  /** One row of people, every column as an SQL literal ({@code quote_nullable}): NULL, '' apart. */
  private static List<String> person(int id) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (var c = db.connect();
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT quote_nullable(id), quote_nullable(name), quote_nullable(age),"
                        + " quote_nullable(content), quote_nullable(note) FROM people WHERE id = "
                        + id)) {
      rs.next();
      for (int i = 1; i <= 5; i++) {
        out.add(rs.getString(i));
      }
    }
    return out;
  }

  private static List<String> sql(String query) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (var c = db.connect();
        var rs = c.createStatement().executeQuery(query)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static List<String> firstCells(String part) {
    return browser
        .findElements(
            By.cssSelector(
                "#view-structure section[data-part='" + part + "'] tbody tr td:first-child"))
        .stream()
        .map(WebElement::getText)
        .toList();
  }

  private static String partText(String part) {
    return browser
        .findElement(By.cssSelector("#view-structure section[data-part='" + part + "']"))
        .getText();
  }
}
