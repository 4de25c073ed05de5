package io.consulate.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web UI in a real headless Chromium against an agent enforcing ACLs (default deny): what it shows before
 * logging in, with a token that reads only some services or keys, with the management token, and after logging out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiAclBrowserTest {
  private static AclAgent acl;
  private static Browser browser;
  private static String base;
  private static String webOnly;
  private static String appReader;

  @BeforeAll
  static void start() throws Exception {
    browser = new Browser(1280, 900);
    acl = AclAgent.start();
    base = "http://127.0.0.1:" + acl.agent.httpPort();
    acl.register("{\"ID\":\"web-1\",\"Name\":\"web\",\"Port\":80}");
    acl.register("{\"ID\":\"db-1\",\"Name\":\"db\",\"Port\":5432}");
    acl.put("/v1/kv/app/config", "blue");
    acl.put("/v1/kv/secret/password", "hunter2");
    webOnly = acl.token("web-only", "service \"web\" { policy = \"read\" }\nnode_prefix \"\" { policy = \"read\" }");
    appReader = acl.token("app-reader", "key_prefix \"app/\" { policy = \"read\" }");
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) browser.close();
    if (acl != null) acl.close();
  }

  private static void open(String hash) {
    browser.openUi(base, hash);
  }

  private static List<String> servicesListed() {
    return browser.servicesListed();
  }

  private static void awaitServices(List<String> expected) {
    browser.await(d -> servicesListed().equals(expected) && !d.findElement(By.id("svc-count")).getText().isEmpty());
  }

  private static Object storedToken() {
    return browser.js("return localStorage.getItem('consul:token');");
  }

  private static void logIn(String secret) {
    browser.click("#login-open");
    browser.type("#login-token", secret);
    browser.click("#login-submit");
  }

  private static WebElement banner() {
    return browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("banner")));
  }

  @Test
  @Order(1)
  void withoutATokenTheServicesPageInvitesALogInAndShowsNothing() throws Exception {
    open("services");
    WebElement prompt = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("login-prompt")));
    assertTrue(prompt.getText().contains("not logged in"), prompt.getText());
    awaitServices(List.of());
    assertEquals("0 services", browser.driver.findElement(By.id("svc-count")).getText());
    assertTrue(browser.driver.findElement(By.id("login-open")).isDisplayed());
    assertFalse(browser.driver.findElement(By.id("login-form")).isDisplayed(), "the form opens only when asked");
    browser.screenshot("acl-anonymous-services");
  }

  @Test
  @Order(2)
  void aTokenReadingOnlyWebShowsWebAndNotDb() throws Exception {
    logIn(webOnly);
    awaitServices(List.of("web"));
    assertTrue(String.valueOf(storedToken()).contains(webOnly), String.valueOf(storedToken()));
    assertFalse(browser.driver.findElement(By.id("login-prompt")).isDisplayed());
    assertFalse(browser.driver.findElement(By.id("login-form")).isDisplayed(), "the form closes once logged in");
    assertTrue(browser.driver.findElement(By.id("logout")).isDisplayed());
    // The change stream, opened with the token, tells of web's registration and not of db's.
    open("changes");
    browser.await(d -> d.findElement(By.id("change-feed")).getText().contains("web (web-1) registered"));
    assertFalse(browser.driver.findElement(By.id("change-feed")).getText().contains("db"));
    browser.screenshot("acl-web-only-changes");
  }

  @Test
  @Order(3)
  void logOutForgetsTheToken() {
    open("services");
    awaitServices(List.of("web"));
    browser.click("#logout");
    awaitServices(List.of());
    assertNull(storedToken());
    browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("login-prompt")));
  }

  @Test
  @Order(4)
  void theManagementTokenShowsEverything() {
    open("services");
    logIn(AclAgent.MANAGEMENT);
    awaitServices(List.of("consul", "db", "web"));
    browser.click("#logout");
    awaitServices(List.of());
  }

  @Test
  @Order(5)
  void anUnknownTokenIsRefusedAndNotKept() {
    open("services");
    logIn("00000000-0000-4000-8000-00000000dead");
    WebElement error = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
    assertTrue(error.getText().contains("403 ACL not found"), error.getText());
    assertNull(storedToken());
  }

  @Test
  @Order(6)
  void aStoredTokenTheAgentNoLongerKnowsInvitesALogIn() {
    open("services");
    browser.js("localStorage.setItem('consul:token', JSON.stringify({SecretID: '00000000-0000-4000-8000-00000000beef'}));");
    browser.driver.navigate().refresh();
    WebElement banner = banner();
    assertTrue(banner.getText().contains("403: ACL not found. Log in with a token that allows this."), banner.getText());
    assertTrue(browser.driver.findElement(By.id("banner-login")).isDisplayed());
    browser.click("#logout");
    awaitServices(List.of());
    assertFalse(browser.driver.findElement(By.id("banner")).isDisplayed());
  }

  @Test
  @Order(7)
  void aKeyReadTokenSeesItsPrefixAndIsToldWhenItMayNotWrite() throws Exception {
    open("kv/");
    logIn(appReader);
    browser.await(d -> d.findElements(By.cssSelector("#kv-list li[data-key]")).stream()
        .map(li -> li.getAttribute("data-key")).toList().equals(List.of("app/")));
    open("kv/app/config");
    WebElement area = browser.await(d -> {
      WebElement a = d.findElement(By.id("kv-value"));
      return "blue".equals(a.getAttribute("value")) ? a : null;
    });
    area.clear();
    area.sendKeys("green");
    browser.click("#kv-save");
    assertTrue(banner().getText().contains("403: Permission denied"), banner().getText());
    assertTrue(browser.driver.findElement(By.id("banner-login")).getText().contains("another token"));
    assertEquals("blue", acl.api.get("/v1/kv/app/config?raw&token=" + AclAgent.MANAGEMENT).bodyAsString());
    open("kv/secret/password");
    assertTrue(banner().getText().contains("403: Permission denied"), banner().getText());
    assertFalse(browser.driver.getPageSource().contains("hunter2"));
    browser.screenshot("acl-kv-denied");
  }

  @Test
  @Order(8)
  void noPageLoggedAScriptError() {
    assertEquals(List.of(), browser.scriptErrors());
  }
}
