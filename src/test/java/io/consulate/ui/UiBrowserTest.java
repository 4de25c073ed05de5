package io.consulate.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.consulate.agent.Agent;
import io.consulate.agent.TestAgent;
import io.consulate.http.ApiClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web UI in a real headless Chromium against a running agent: what an operator sees change without a
 * reload, and what their clicks do to the catalog, DNS and KV. Every page is saved as a screenshot at 1280
 * and 390 px under target/ui-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiBrowserTest {
  private static Agent agent;
  private static ApiClient api;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    browser = new Browser(1280, 900);
    agent = TestAgent.startDev();
    api = new ApiClient(agent.httpPort());
    base = "http://127.0.0.1:" + agent.httpPort();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) browser.close();
    if (api != null) api.close();
    TestAgent.stop(agent);
  }

  private static void open(String hash) {
    browser.openUi(base, hash);
  }

  private static List<String> servicesListed() {
    return browser.servicesListed();
  }

  private static void register(String json) throws Exception {
    assertEquals(200, api.put("/v1/agent/service/register", json).statusCode());
  }

  @Test
  @Order(1)
  void aRegisteredServiceAppearsWithoutAReload() throws Exception {
    browser.driver.get(base + "/");
    // The page routes to its default view once its script has run, which a loaded machine may do after get returns.
    browser.await(d -> d.getCurrentUrl().equals(base + "/ui/#/services"));
    browser.await(d -> "live".equals(d.findElement(By.id("live")).getText()));
    Object before = browser.js("window.marker = 1; return window.marker;");
    register("{\"ID\":\"web-1\",\"Name\":\"web\",\"Tags\":[\"blue\"],\"Port\":8081,\"Address\":\"127.0.0.2\","
        + "\"Check\":{\"CheckID\":\"web-1-ttl\",\"TTL\":\"60s\"}}");
    browser.await(d -> servicesListed().contains("web"));
    assertEquals(before, browser.js("return window.marker;"), "the page was reloaded");
    String row = browser.await(d -> d.findElement(By.cssSelector("tr[data-service='web']")).getText());
    assertTrue(row.contains("blue"), row);
  }

  @Test
  @Order(2)
  void aFailingTtlCheckTurnsTheInstanceCritical() throws Exception {
    api.put("/v1/agent/check/pass/web-1-ttl?note=fine", "");
    open("service/web");
    browser.await(d -> d.findElement(By.cssSelector("section[data-instance='web-1'] h2")).getText().startsWith("passing"));
    api.put("/v1/agent/check/fail/web-1-ttl?note=disk%20full", "");
    browser.await(d -> d.findElement(By.cssSelector("section[data-instance='web-1'] h2")).getText().startsWith("critical"));
    String check = browser.await(d -> d.findElement(By.cssSelector("tr[data-check='web-1-ttl']")).getText());
    assertTrue(check.contains("critical") && check.contains("disk full"), check);
    api.put("/v1/agent/check/pass/web-1-ttl", "");
  }

  @Test
  @Order(3)
  void theMaintenanceToggleTakesTheInstanceOutOfDns() throws Exception {
    TestAgent.awaitTrue(() -> TestAgent.dnsA(agent, "web.service.consul.").equals(List.of("127.0.0.2")));
    open("service/web");
    browser.type("section[data-instance='web-1'] input", "deploying");
    browser.click("section[data-instance='web-1'] button.maint");
    TestAgent.awaitTrue(() -> TestAgent.dnsA(agent, "web.service.consul.").isEmpty());
    browser.await(d -> d.findElement(By.cssSelector("section[data-instance='web-1'] button.maint")).getText()
        .equals("Leave maintenance"));
    assertTrue(browser.await(d -> d.findElement(By.cssSelector("section[data-instance='web-1']")).getText()).contains("deploying"));
    browser.click("section[data-instance='web-1'] button.maint");
    TestAgent.awaitTrue(() -> TestAgent.dnsA(agent, "web.service.consul.").equals(List.of("127.0.0.2")));
    open("changes");
    browser.await(d -> d.findElement(By.id("change-feed")).getText().contains("web-1 in maintenance: deploying"));
    browser.await(d -> d.findElement(By.id("change-feed")).getText().contains("web-1 out of maintenance"));
  }

  @Test
  @Order(4)
  void aConcurrentKvWriteIsReportedNotOverwritten() throws Exception {
    api.put("/v1/kv/app/config", "original");
    open("kv/app/config");
    WebElement area = browser.await(d -> {
      WebElement a = d.findElement(By.id("kv-value"));
      return "original".equals(a.getAttribute("value")) ? a : null;
    });
    area.clear();
    area.sendKeys("mine");
    api.put("/v1/kv/app/config", "theirs");
    browser.click("#kv-save");
    WebElement notice = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#kv-notice.conflict")));
    assertTrue(notice.getText().startsWith("Not saved: app/config was changed by someone else"), notice.getText());
    assertEquals("theirs", api.get("/v1/kv/app/config?raw").bodyAsString());
    assertEquals("mine", area.getAttribute("value"));
    browser.click("#kv-overwrite");
    TestAgent.awaitTrue(() -> "mine".equals(api.get("/v1/kv/app/config?raw").bodyAsString()));
  }

  @Test
  @Order(5)
  void aLargeValueOpensAndAPrefixDeleteAsksFirst() throws Exception {
    String big = "x".repeat(500 * 1024); // Consul's largest value is 512 KiB
    api.put("/v1/kv/app/big", big);
    open("kv/app/big");
    browser.await(d -> Long.valueOf(big.length()).equals(browser.js("return document.getElementById('kv-value').value.length")));
    open("kv/app/");
    browser.await(d -> d.findElements(By.cssSelector("#kv-list li[data-key]")).size() == 2);
    browser.click("#kv-delete-folder");
    browser.await(ExpectedConditions.alertIsPresent()).dismiss();
    assertEquals(200, api.get("/v1/kv/app/config").statusCode());
    browser.click("#kv-delete-folder");
    browser.await(ExpectedConditions.alertIsPresent()).accept();
    TestAgent.awaitTrue(() -> api.get("/v1/kv/app/?recurse").statusCode() == 404);
  }

  @Test
  @Order(6)
  void filteringByTagKeepsTheFilterInTheUrl() throws Exception {
    register("{\"ID\":\"db-1\",\"Name\":\"db\",\"Tags\":[\"green\"],\"Port\":5432}");
    register("{\"ID\":\"cache-1\",\"Name\":\"cache\",\"Tags\":[\"blue\",\"green\"],\"Port\":6379}");
    open("services");
    browser.await(d -> servicesListed().equals(List.of("cache", "consul", "db", "web")));
    browser.type("#svc-tag", "blue");
    browser.await(d -> servicesListed().equals(List.of("cache", "web")));
    assertTrue(browser.driver.getCurrentUrl().endsWith("#/services?tag=blue"), browser.driver.getCurrentUrl());
    // The URL is the view: opened fresh elsewhere, it shows the same filter.
    open("services?tag=green");
    browser.await(d -> servicesListed().equals(List.of("cache", "db")));
    assertEquals("green", browser.driver.findElement(By.id("svc-tag")).getAttribute("value"));
  }

  @Test
  @Order(7)
  void anApiErrorShowsAsABanner() {
    open("services?s=/[/");
    WebElement banner = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("banner")));
    assertTrue(banner.getText().contains("400: Invalid search expression /[/"), banner.getText());
  }

  @Test
  @Order(8)
  void theKeyboardReachesTheSkipLinkAndTheNavigation() {
    browser.driver.get("about:blank"); // a fresh document: focus starts at its top, not at the last click
    open("services");
    Actions keys = new Actions(browser.driver);
    keys.sendKeys(Keys.TAB).perform();
    assertEquals("Skip to content", browser.js("return document.activeElement.textContent;"));
    keys.sendKeys(Keys.TAB).perform();
    assertEquals("Services", browser.js("return document.activeElement.textContent;"));
    keys.sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
    browser.await(d -> d.getCurrentUrl().endsWith("#/nodes"));

    browser.driver.get("about:blank");
    open("services");
    keys.sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
    assertEquals("main", browser.js("return document.activeElement.id;"), "the skip link moves focus to the page");
    assertTrue(browser.driver.getCurrentUrl().endsWith("#/services"), "and leaves the route alone");
  }

  @Test
  @Order(9)
  void everyPageFitsAt1280And390Pixels() throws Exception {
    api.put("/v1/kv/team/owner", "platform");
    register("{\"ID\":\"payments-1\",\"Name\":\"payments\",\"Tags\":[\"v2\",\"pci\"],\"Port\":9090,"
        + "\"Meta\":{\"team\":\"billing\"},\"Check\":{\"CheckID\":\"payments-ttl\",\"TTL\":\"60s\"}}");
    register("{\"ID\":\"search-1\",\"Name\":\"search\",\"Tags\":[\"v1\"],\"Port\":9200,"
        + "\"Check\":{\"CheckID\":\"search-ttl\",\"TTL\":\"60s\"}}");
    api.put("/v1/agent/check/warn/search-ttl?note=heap%2085%25", "");
    String[][] pages = {{"services", "services"}, {"service/web", "service"}, {"nodes", "nodes"},
        {"node/test-node", "node"}, {"kv/team/", "kv"}, {"kv/team/owner", "kv-editor"}, {"cluster", "cluster"},
        {"changes", "changes"}};
    for (int width : new int[] {1280, 390}) {
      browser.viewport(width, width == 390 ? 844 : 900);
      for (String[] page : pages) {
        open(page[0]);
        browser.await(d -> d.findElement(By.tagName("h1")).isDisplayed());
        Thread.sleep(300); // the page's first fetch lands
        browser.js("document.activeElement.blur();");
        Long overflow = (Long) browser.js("return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(overflow <= 0, page[0] + " is " + overflow + " px wider than a " + width + " px screen");
        browser.screenshot(page[1] + "-" + width);
      }
    }
  }

  @Test
  @Order(10)
  void eightWindowsStayLiveOverOneSharedStream() throws Exception {
    // Visible windows each holding a stream would take the six connections Chromium allows per host and stall
    // the seventh (hidden tabs close theirs, so windows it is).
    String first = browser.driver.getWindowHandle();
    List<String> tabs = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      browser.driver.switchTo().newWindow(org.openqa.selenium.WindowType.WINDOW);
      open("services");
      tabs.add(browser.driver.getWindowHandle());
    }
    register("{\"ID\":\"late-1\",\"Name\":\"late\",\"Port\":1}");
    for (String tab : tabs) {
      browser.driver.switchTo().window(tab);
      browser.await(d -> servicesListed().contains("late"));
      browser.driver.close();
    }
    browser.driver.switchTo().window(first);
  }

  @Test
  @Order(11)
  void theServicesPagePagesOnTheServer() throws Exception {
    for (int i = 0; i < 55; i++) register("{\"ID\":\"many-" + i + "\",\"Name\":\"zz-many-" + i + "\",\"Port\":1}");
    open("services");
    browser.await(d -> d.findElement(By.cssSelector(".pager span")).getText().equals("page 1 of 2"));
    assertEquals(50, servicesListed().size());
    browser.click(".pager button:last-child");
    browser.await(d -> d.findElement(By.cssSelector(".pager span")).getText().equals("page 2 of 2"));
    assertTrue(browser.driver.getCurrentUrl().endsWith("page=2"), browser.driver.getCurrentUrl());
    assertTrue(servicesListed().stream().allMatch(name -> name.startsWith("zz-many-")), servicesListed().toString());
  }

  @Test
  @Order(12)
  void noPageLoggedAScriptError() {
    assertEquals(List.of(), browser.scriptErrors());
  }
}
