import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Web UI benchmarks in Debian's headless Chromium against a running agent (single-file program; run by
 * scripts/bench/ui.sh with the test class path for Selenium).
 *   render HTTP RUNS              : loads /ui/#/services RUNS times in a fresh document; prints the median, min and
 *                                   max time from navigation start to the first page of services on screen
 *   tabs HTTP TABS SECONDS RATE PID : opens TABS tabs on the services page, then registers RATE services/s for
 *                                   SECONDS; prints the agent's CPU (process PID) over that window, the tabs that
 *                                   were live, and how long a new service took to show in a tab afterwards
 */
public class UiBench {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static String base;

  public static void main(String[] args) throws Exception {
    base = "http://127.0.0.1:" + args[1];
    ChromeDriver driver = browser();
    try {
      if (args[0].equals("render")) render(driver, Integer.parseInt(args[2]));
      else tabs(driver, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5]);
    } finally {
      driver.quit();
    }
  }

  static ChromeDriver browser() throws Exception {
    Path profile = Files.createTempDirectory("ui-bench");
    ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
        "--window-size=1280,900");
    return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
        .usingAnyFreePort().build(), options);
  }

  static void render(ChromeDriver driver, int runs) {
    List<Double> times = new ArrayList<>();
    String total = "";
    for (int i = 0; i < runs; i++) {
      driver.get("about:blank");
      driver.get(base + "/ui/#/services");
      Object ms = wait(driver).until(d -> ((JavascriptExecutor) d).executeScript(
          "const m = performance.getEntriesByName('services-rendered')[0]; return m ? m.startTime : null;"));
      times.add(((Number) ms).doubleValue());
      total = driver.findElement(org.openqa.selenium.By.id("svc-count")).getText();
    }
    Collections.sort(times);
    System.out.printf("services page (%s): median %.0f ms, min %.0f, max %.0f over %d loads%n", total,
        times.get(times.size() / 2), times.get(0), times.get(times.size() - 1), runs);
  }

  static void tabs(ChromeDriver driver, int tabs, int seconds, int rate, String pid) throws Exception {
    List<String> handles = new ArrayList<>();
    for (int i = 0; i < tabs; i++) {
      if (i > 0) driver.switchTo().newWindow(WindowType.WINDOW);
      driver.get(base + "/ui/#/services");
      handles.add(driver.getWindowHandle());
    }
    int live = 0;
    for (String h : handles) {
      driver.switchTo().window(h);
      live += wait(driver).until(d -> "live".equals(d.findElement(org.openqa.selenium.By.id("live")).getText())) ? 1 : 0;
    }
    long cpu0 = cpuTicks(pid);
    long t0 = System.nanoTime();
    long period = 1_000_000_000L / rate;
    int n = 0;
    for (long next = t0; next < t0 + seconds * 1_000_000_000L; next += period) {
      long sleep = next - System.nanoTime();
      if (sleep > 0) Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
      register("ui-load-" + n, "ui-load-" + (n++ % 500));
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    double cpu = (cpuTicks(pid) - cpu0) / 100.0 / elapsed * 100;
    String shown = "";
    if (tabs > 0) {
      String probe = "aaaa-probe-" + System.nanoTime();
      driver.switchTo().window(handles.get(handles.size() - 1));
      long p0 = System.nanoTime();
      register(probe, probe);
      wait(driver).until(d -> d.findElements(org.openqa.selenium.By.cssSelector("tr[data-service='" + probe + "']")).size() == 1);
      shown = String.format("; a new service showed in a tab %.0f ms after its registration returned", (System.nanoTime() - p0) / 1e6);
    }
    System.out.printf("%d tabs (%d live), %d registrations in %.1f s (%.0f/s): agent CPU %.1f%% of one core%s%n", tabs, live,
        n, elapsed, n / elapsed, cpu, shown);
  }

  static WebDriverWait wait(ChromeDriver driver) {
    return new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(10));
  }

  static void register(String id, String name) throws Exception {
    HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/agent/service/register"))
        .PUT(HttpRequest.BodyPublishers.ofString("{\"ID\":\"" + id + "\",\"Name\":\"" + name + "\",\"Port\":8080}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) throw new IllegalStateException("register " + id + ": " + res.statusCode() + " " + res.body());
  }

  /** utime + stime of a process, in clock ticks (100 per second on Linux). */
  static long cpuTicks(String pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
