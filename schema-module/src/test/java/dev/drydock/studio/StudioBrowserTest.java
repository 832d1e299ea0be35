package dev.drydock.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.drydock.testing.SharedPostgres;
import dev.drydock.testing.SharedPostgres.TestServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private static StudioFixture db;
  private static Studio studio;
  private static ChromeDriver browser;
  private static WebDriverWait wait;
  private static Path profile;

  @BeforeAll
  static void startStudioAndBrowser(TestServer server) throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      fail(
          "The studio's browser tests need Debian's Chromium: /usr/bin/chromium or"
              + " /usr/bin/chromedriver is missing (apt-get install -y chromium chromium-driver;"
              + " .ci/run installs them)");
    }
    db = new StudioFixture(server);
    db.execute(StudioDiagramSchema.sql("big", 60));
    studio = db.start(true);
    profile = Files.createTempDirectory("drydock-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (studio != null) {
      studio.close();
    }
    if (db != null) {
      db.close();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private static void screenshot(String name) throws Exception {
    Path target = Path.of("target", "studio-" + name + ".png");
    Files.createDirectories(target.getParent());
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        target,
        StandardCopyOption.REPLACE_EXISTING);
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
    assertThat(browser.findElements(By.cssSelector("#diagram g.erd-table"))).hasSize(3);
    assertThat(browser.findElements(By.cssSelector("#diagram path.erd-edge"))).hasSize(1);
    assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("read-write");
  }

  @Test
  @Order(2)
  void givenSixtyTables_whenDrawn_thenNoBoxesOverlapAndZoomWorks() throws Exception {
    new Select(browser.findElement(By.id("schema-filter"))).selectByValue("big");
    assertThat(browser.findElements(By.cssSelector("#diagram g.erd-table"))).hasSize(60);
    Long overlaps =
        (Long)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "const b = [...document.querySelectorAll('#diagram g.erd-table')]"
                        + ".map(g => g.getBoundingClientRect());"
                        + "let n = 0; for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++)"
                        + " if (b[i].left < b[j].right && b[j].left < b[i].right && b[i].top < b[j].bottom"
                        + " && b[j].top < b[i].bottom) n++; return n;");
    String before = browser.findElement(By.cssSelector("#diagram svg")).getDomAttribute("viewBox");
    browser.findElement(By.id("zoom-in")).click();
    String after = browser.findElement(By.cssSelector("#diagram svg")).getDomAttribute("viewBox");

    assertThat(overlaps).isZero();
    assertThat(browser.findElements(By.cssSelector("#diagram path.erd-edge")))
        .hasSizeGreaterThan(60);
    assertThat(after).isNotEqualTo(before);
    browser.findElement(By.id("zoom-fit")).click();
    screenshot("diagram");
  }

  @Test
  @Order(3)
  void givenTheDiagram_whenATableIsClicked_thenItsRowsOpenAndPageByKey() throws Exception {
    new Select(browser.findElement(By.id("schema-filter"))).selectByValue("public");
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
  void givenNoCookie_whenThePageIsOpened_thenItIs401() {
    browser.manage().deleteAllCookies();
    browser.get(studio.base() + "/");

    assertThat(browser.findElement(By.tagName("body")).getText())
        .startsWith("401 Unauthorized: open the address with the token");
  }
}
