import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * N blocking queries parked on one service, then one registration: how long until every watcher has its
 * answer. Run with the agent jar on the classpath: java -cp target/consulate.jar scripts/bench/WatchBench.java PORT [N] [rounds]
 */
public class WatchBench {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int watchers = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Vertx vertx = Vertx.vertx();
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(watchers + 10));
    List<Double> all = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      String index = await(client.request(HttpMethod.GET, "/v1/health/service/watched")
          .compose(r -> r.send()).map(r -> r.getHeader("X-Consul-Index")));
      long[] done = new long[watchers];
      CountDownLatch answered = new CountDownLatch(watchers);
      for (int i = 0; i < watchers; i++) {
        int slot = i;
        client.request(new RequestOptions().setURI("/v1/health/service/watched?index=" + index + "&wait=60s").setTimeout(90_000))
            .compose(r -> r.send()).compose(r -> r.body())
            .onComplete(ar -> {
              done[slot] = System.nanoTime();
              answered.countDown();
            });
      }
      Thread.sleep(Long.getLong("settle", 2000)); // let every request reach the agent and park
      String body = "{\"ID\":\"w" + round + "\",\"Name\":\"watched\",\"Port\":" + round + "}";
      long t0 = System.nanoTime();
      await(client.request(HttpMethod.PUT, "/v1/agent/service/register").compose(r -> r.send(Buffer.buffer(body))));
      if (!answered.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("not every watcher answered");
      List<Double> ms = new ArrayList<>();
      for (long d : done) ms.add((d - t0) / 1e6);
      Collections.sort(ms);
      all.addAll(ms);
      System.out.printf("round %d: %d watchers, write->answer median %.1f ms, p99 %.1f ms, max %.1f ms%n", round, watchers,
          ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.99) - 1), ms.get(ms.size() - 1));
    }
    Collections.sort(all);
    System.out.printf("all rounds: median %.1f ms, p99 %.1f ms%n", all.get(all.size() / 2), all.get((int) (all.size() * 0.99) - 1));
    vertx.close();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
