import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Cluster benchmarks against running agents (single-file program; run by scripts/bench/cluster.sh with the
 * fat jar on the class path for dnsjava).
 *   propagation N HTTP DNS : N registrations through HTTP port HTTP, each polled over DNS on port DNS until
 *                            visible; prints median/p99 of PUT-to-visible and of the lag after the PUT returned
 *   cas SECS PER HTTP,...  : PER clients per node, each incrementing one KV key with read-then-?cas= for SECS
 *                            seconds; prints acknowledged increments/s, and how many of them the final value lost
 *   fill N HTTP            : registers N instances of 100 services (fill0..fill99) through HTTP port HTTP, 64 in
 *                            flight
 */
public class ClusterBench {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public static void main(String[] args) throws Exception {
    if (args[0].equals("propagation")) propagation(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    else if (args[0].equals("cas")) cas(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3].split(","));
    else if (args[0].equals("fill")) fill(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    else throw new IllegalArgumentException("usage: propagation N HTTP DNS | cas SECS PER HTTP,... | fill N HTTP");
  }

  static HttpRequest register(int http, String id, String name, int i) {
    String body = "{\"ID\":\"" + id + "\",\"Name\":\"" + name + "\",\"Address\":\"10." + (i / 65536 % 256) + "."
        + (i / 256 % 256) + "." + (i % 256) + "\",\"Port\":" + (10000 + i % 50000) + "}";
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/v1/agent/service/register"))
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  static void propagation(int n, int http, int dns) throws Exception {
    SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dns));
    resolver.setTimeout(Duration.ofSeconds(2));
    List<Double> total = new ArrayList<>(), lag = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = "prop" + i;
      long t0 = System.nanoTime();
      HttpResponse<String> r = HTTP.send(register(http, name, name, i), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) throw new IllegalStateException("PUT " + r.statusCode() + " " + r.body());
      long t1 = System.nanoTime();
      Message q = Message.newQuery(Record.newRecord(Name.fromString(name + ".service.consul."), Type.A, DClass.IN));
      while (resolver.send(q).getSection(Section.ANSWER).isEmpty()) Thread.onSpinWait();
      long t2 = System.nanoTime();
      if (i >= 50) { // the first 50 warm up the JIT
        total.add((t2 - t0) / 1e6);
        lag.add((t2 - t1) / 1e6);
      }
    }
    System.out.printf("registrations measured: %d (after 50 warm-up)%n", total.size());
    System.out.printf("PUT on node A -> visible in DNS on node B: median %.2f ms, p99 %.2f ms, max %.2f ms%n",
        pct(total, 50), pct(total, 99), pct(total, 100));
    System.out.printf("after the PUT returned, visible in DNS on B: median %.2f ms, p99 %.2f ms%n", pct(lag, 50), pct(lag, 99));
  }

  static void fill(int n, int http) throws Exception {
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(64);
    AtomicInteger failed = new AtomicInteger();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      inFlight.acquire();
      HTTP.sendAsync(register(http, "fill-" + i, "fill" + (i % 100), i), HttpResponse.BodyHandlers.ofString())
          .whenComplete((r, err) -> {
            if (err != null || r.statusCode() != 200) failed.incrementAndGet();
            inFlight.release();
          });
    }
    inFlight.acquire(64);
    System.out.printf("registered %d instances in %.1f s, %d failed%n", n, (System.nanoTime() - t0) / 1e9, failed.get());
  }

  static void cas(int seconds, int perNode, String[] httpPorts) throws Exception {
    String key = "bench/counter";
    put(httpPorts[0], key, "0", "");
    AtomicInteger acked = new AtomicInteger(), refused = new AtomicInteger(), errors = new AtomicInteger();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> clients = new ArrayList<>();
    for (String port : httpPorts) {
      for (int c = 0; c < perNode; c++) {
        Thread client = new Thread(() -> {
          while (System.nanoTime() < end) {
            try {
              String entry = get(port, key);
              long index = Long.parseLong(field(entry, "ModifyIndex"));
              long value = Long.parseLong(new String(java.util.Base64.getDecoder().decode(field(entry, "Value"))));
              if (put(port, key, Long.toString(value + 1), "?cas=" + index)) acked.incrementAndGet();
              else refused.incrementAndGet();
            } catch (Exception e) {
              errors.incrementAndGet();
            }
          }
        });
        client.start();
        clients.add(client);
      }
    }
    for (Thread t : clients) t.join();
    long last = Long.parseLong(new String(java.util.Base64.getDecoder().decode(field(get(httpPorts[0], key + "?consistent"), "Value"))));
    System.out.printf("%d clients, %d s: %d increments acknowledged (%.0f/s), %d CAS refused (stale read), %d errors;"
        + " final value %d, lost %d%n", clients.size(), seconds, acked.get(), acked.get() / (double) seconds,
        refused.get(), errors.get(), last, acked.get() - last);
  }

  static String get(String port, String keyAndQuery) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/kv/" + keyAndQuery))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException("GET " + r.statusCode());
    return r.body();
  }

  static boolean put(String port, String key, String value, String query) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/kv/" + key + query))
        .PUT(HttpRequest.BodyPublishers.ofString(value)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException("PUT " + r.statusCode() + " " + r.body());
    return r.body().trim().equals("true");
  }

  /** A field of the single entry of a KV read, without a JSON library (this runs as a single-file program). */
  static String field(String json, String name) {
    int at = json.indexOf("\"" + name + "\":") + name.length() + 3;
    int stop = at;
    while (stop < json.length() && ",}".indexOf(json.charAt(stop)) < 0) stop++;
    return json.substring(at, stop).replace("\"", "");
  }

  static double pct(List<Double> xs, int p) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
  }
}
