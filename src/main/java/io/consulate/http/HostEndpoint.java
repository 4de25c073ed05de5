package io.consulate.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/agent/host}: Consul's {@code debug.HostInfo} (gopsutil's field names): the host, its memory, its
 * CPUs and the disk holding {@code /}, read from {@code /proc} and {@code /etc/os-release} off the event loop.
 * A part that cannot be read is null and its reason is in {@code Errors}, as in Consul.
 */
final class HostEndpoint {
  private final Clock clock;

  HostEndpoint(Clock clock) {
    this.clock = clock;
  }

  Object host(RoutingContext ctx) {
    return Vertx.currentContext().owner().executeBlocking(this::collect, false);
  }

  private JsonObject collect() {
    JsonArray errors = new JsonArray();
    JsonObject out = new JsonObject();
    out.put("Memory", part(errors, this::memory)).put("CPU", part(errors, this::cpus)).put("Host", part(errors, this::hostInfo))
        .put("Disk", part(errors, this::disk));
    long nanos = clock.millis() * 1_000_000L;
    return out.put("CollectionTime", nanos).put("Errors", errors.isEmpty() ? null : errors);
  }

  private interface Reader {
    Object read() throws IOException;
  }

  private static Object part(JsonArray errors, Reader reader) {
    try {
      return reader.read();
    } catch (IOException | RuntimeException e) {
      errors.add(e.getMessage());
      return null;
    }
  }

  private JsonObject memory() throws IOException {
    Map<String, Long> kb = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      String[] f = line.split(":\\s+");
      if (f.length == 2) kb.put(f[0], Long.parseLong(f[1].replace(" kB", "").trim()) * 1024);
    }
    long total = kb.getOrDefault("MemTotal", 0L);
    long available = kb.getOrDefault("MemAvailable", 0L);
    return new JsonObject().put("total", total).put("available", available).put("used", total - available)
        .put("usedPercent", total == 0 ? 0.0 : 100.0 * (total - available) / total).put("free", kb.getOrDefault("MemFree", 0L))
        .put("buffers", kb.getOrDefault("Buffers", 0L)).put("cached", kb.getOrDefault("Cached", 0L))
        .put("swapTotal", kb.getOrDefault("SwapTotal", 0L)).put("swapFree", kb.getOrDefault("SwapFree", 0L));
  }

  private JsonArray cpus() throws IOException {
    JsonArray out = new JsonArray();
    JsonObject cpu = null;
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      String[] f = line.split("\\s*:\\s*", 2);
      if (f.length < 2) continue;
      switch (f[0]) {
        case "processor" -> {
          cpu = new JsonObject().put("cpu", Integer.parseInt(f[1])).put("cores", 1);
          out.add(cpu);
        }
        case "vendor_id" -> cpu.put("vendorId", f[1]);
        case "cpu family" -> cpu.put("family", f[1]);
        case "model" -> cpu.put("model", f[1]);
        case "model name" -> cpu.put("modelName", f[1]);
        case "cpu MHz" -> cpu.put("mhz", Double.parseDouble(f[1]));
        case "cache size" -> cpu.put("cacheSize", Integer.parseInt(f[1].replace(" KB", "")));
        case "physical id" -> cpu.put("physicalId", f[1]);
        case "core id" -> cpu.put("coreId", f[1]);
        default -> { }
      }
    }
    return out;
  }

  private JsonObject hostInfo() throws IOException {
    Map<String, String> release = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
      int eq = line.indexOf('=');
      if (eq > 0) release.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
    }
    long uptime = (long) Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
    long procs;
    try (var dirs = Files.list(Path.of("/proc"))) {
      procs = dirs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).count();
    }
    return new JsonObject().put("hostname", firstLine("/proc/sys/kernel/hostname")).put("uptime", uptime)
        .put("bootTime", clock.millis() / 1000 - uptime).put("procs", procs).put("os", "linux")
        .put("platform", release.getOrDefault("ID", "")).put("platformFamily", release.getOrDefault("ID_LIKE", release.getOrDefault("ID", "")))
        .put("platformVersion", release.getOrDefault("VERSION_ID", "")).put("kernelVersion", firstLine("/proc/sys/kernel/osrelease"))
        .put("kernelArch", System.getProperty("os.arch")).put("virtualizationSystem", "").put("virtualizationRole", "")
        .put("hostId", firstLine("/proc/sys/kernel/random/boot_id"));
  }

  private JsonObject disk() throws IOException {
    FileStore store = Files.getFileStore(Path.of("/"));
    long total = store.getTotalSpace();
    long free = store.getUsableSpace();
    long used = total - store.getUnallocatedSpace();
    return new JsonObject().put("path", "/").put("fstype", store.type()).put("total", total).put("free", free)
        .put("used", used).put("usedPercent", total == 0 ? 0.0 : 100.0 * used / (used + free));
  }

  private static String firstLine(String path) throws IOException {
    List<String> lines = Files.readAllLines(Path.of(path));
    return lines.isEmpty() ? "" : lines.get(0).trim();
  }
}
