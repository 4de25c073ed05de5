package io.consulate.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its chromedriver: both paths are given, so Selenium never
 * tries to download a browser or a driver. Without them the UI tests are skipped on a developer's machine,
 * and fail in CI, which installs them and sets {@code CONSULATE_UI_TESTS=required}.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target/ui-screenshots");

  final ChromeDriver driver;
  private final Path profile;

  Browser(int width, int height) throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!"required".equals(System.getenv("CONSULATE_UI_TESTS"))) {
      Assumptions.assumeTrue(present, "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
    } else if (!present) {
      throw new IllegalStateException("CONSULATE_UI_TESTS=required but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
    }
    profile = Files.createTempDirectory("consulate-chromium");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Waits up to 10 s; an element replaced by a live refresh mid-check is simply looked up again. */
  <T> T await(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50))
        .ignoring(StaleElementReferenceException.class).until(condition);
  }

  /** Types into what {@code css} names once it is there, again if a live refresh replaced it before the keys. */
  void type(String css, CharSequence text) {
    await(d -> {
      d.findElement(By.cssSelector(css)).sendKeys(text);
      return true;
    });
  }

  /** Clicks what {@code css} names once it is there, again if a refresh replaced it under the click. */
  void click(String css) {
    await(d -> {
      d.findElement(By.cssSelector(css)).click();
      return true;
    });
  }

  /** Opens the UI served at {@code base} on route {@code hash} and waits until its live stream is connected. */
  void openUi(String base, String hash) {
    driver.get(base + "/ui/#/" + hash);
    await(d -> "live".equals(d.findElement(By.id("live")).getText()));
  }

  /** The services page's rows, read in one script: they are replaced whenever a live refresh lands. */
  @SuppressWarnings("unchecked")
  java.util.List<String> servicesListed() {
    return (java.util.List<String>) js("return [...document.querySelectorAll('#svc-rows tr')].map(r => r.dataset.service);");
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Emulates a screen of {@code width} CSS pixels (a window cannot be made narrower than the OS allows). */
  void viewport(int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width, "height", height,
        "deviceScaleFactor", 1, "mobile", width < 600));
  }

  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  /** What the pages' scripts logged as errors, minus the browser's own line for each 4xx/5xx answer. */
  java.util.List<String> scriptErrors() {
    return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(org.openqa.selenium.logging.LogEntry::getMessage)
        .filter(m -> !m.contains("Failed to load resource")).toList();
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
