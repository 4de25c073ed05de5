package io.consulate.dns;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.cluster.Datacenters;
import io.consulate.cluster.ForwardedReply;
import io.consulate.cluster.ForwardedRequest;
import io.consulate.store.EntryCodec;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Other datacenters' catalog entries behind the DNS names asked here ({@code web.service.dc2.consul},
 * {@code n1.node.dc2.consul}), each kept as a small catalog snapshot that the ordinary answerer answers from. The
 * first question for a name fetches its entries from a server of that datacenter; from then on a blocking query
 * parked there brings every change as it happens, so later questions cost no round trip and are never staler than
 * the WAN's latency. A name not asked for {@link #IDLE_MILLIS} is dropped (its query is not renewed); a name whose
 * datacenter stops answering is dropped at once, and the next question asks again.
 */
final class RemoteCatalogs {
  private static final Logger LOG = Logger.getLogger(RemoteCatalogs.class.getName());
  static final long IDLE_MILLIS = 10 * 60_000;
  /** Names held at most: each parks a query at a remote server. A question beyond it is fetched, not kept. */
  static final int MAX_HELD = 1_000;
  /** How long each parked query waits at the remote server before it is renewed. */
  private static final String WAIT = "5m";
  /** The forwarding timeout of a parked query: its wait, Consul's jitter of wait/16, and the way there and back. */
  private static final long WATCH_TIMEOUT_MILLIS = 5 * 60_000 + 5 * 60_000 / 16 + 10_000;
  private static final long FETCH_TIMEOUT_MILLIS = 10_000;

  /** What a remote name is: a service or a node of one datacenter. */
  record Key(String datacenter, String kind, String name) {}

  private final Datacenters datacenters;
  private final LongSupplier clock;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  RemoteCatalogs(Datacenters datacenters, LongSupplier clockMillis) {
    this.datacenters = datacenters;
    this.clock = clockMillis;
  }

  /** The entries behind {@code key}: at once when held, else once fetched; fails with the datacenter's error. */
  CompletionStage<CatalogSnapshot> snapshot(Key key) {
    Entry e = entries.get(key);
    if (e == null) {
      Entry fresh = new Entry(key, clock.getAsLong());
      if (entries.size() >= MAX_HELD) {
        fresh.fetch(0, FETCH_TIMEOUT_MILLIS, false); // answered once, not watched
        return fresh.first;
      }
      e = entries.putIfAbsent(key, fresh);
      if (e == null) {
        e = fresh;
        fresh.fetch(0, FETCH_TIMEOUT_MILLIS, true); // outside the map's lock: a failure removes the entry at once
      }
    }
    e.lastAsked = clock.getAsLong();
    CatalogSnapshot held = e.current;
    return held != null ? CompletableFuture.completedFuture(held) : e.first;
  }

  /** The names held now (for tests and metrics). */
  int held() {
    return entries.size();
  }

  private final class Entry {
    final Key key;
    final CompletableFuture<CatalogSnapshot> first = new CompletableFuture<>();
    volatile CatalogSnapshot current;
    volatile long lastAsked;

    Entry(Key key, long now) {
      this.key = key;
      this.lastAsked = now;
    }

    /** {@code watch}: keep the entry current with a parked query after this answer. */
    private void fetch(long index, long timeoutMillis, boolean watch) {
      String path = "/v1/internal/consulate/dns-entries/" + key.kind() + "/"
          + URLEncoder.encode(key.name(), StandardCharsets.UTF_8).replace("+", "%20");
      String uri = index == 0 ? path + "?stale" : path + "?stale&index=" + index + "&wait=" + WAIT;
      ForwardedRequest request = new ForwardedRequest("GET", uri, List.of(), new byte[0]);
      datacenters.forward(key.datacenter(), request, timeoutMillis).whenComplete((reply, err) -> {
        try {
          if (err == null && reply.status() != 200) {
            err = new IllegalStateException(new String(reply.body(), StandardCharsets.UTF_8));
          }
          if (err != null) {
            drop(err);
            return;
          }
          current = decode(reply);
          first.complete(current);
          if (!watch || clock.getAsLong() - lastAsked > IDLE_MILLIS) {
            entries.remove(key, this);
            return;
          }
          fetch(Math.max(1, index(reply)), WATCH_TIMEOUT_MILLIS, true);
        } catch (RuntimeException e) {
          drop(e);
        }
      });
    }

    private void drop(Throwable err) {
      entries.remove(key, this);
      Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
          ? err.getCause() : err;
      if (!first.completeExceptionally(cause)) LOG.fine("DNS entries of " + key + " dropped: " + cause.getMessage());
    }
  }

  private static long index(ForwardedReply reply) {
    for (Map.Entry<String, String> h : reply.headers()) {
      if (h.getKey().equalsIgnoreCase("X-Consul-Index")) return Long.parseLong(h.getValue());
    }
    return 0;
  }

  private static CatalogSnapshot decode(ForwardedReply reply) {
    return EntryCodec.snapshotOf(new JsonObject(new String(reply.body(), StandardCharsets.UTF_8)));
  }
}
