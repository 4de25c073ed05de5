package io.consulate.http;

import io.consulate.kv.KvEntry;
import io.consulate.kv.KvState;
import io.consulate.kv.TxnOp;
import io.consulate.store.Applied;
import io.consulate.store.KvCommand;
import io.consulate.store.Store;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * {@code /v1/kv/<key>} (agent/kvs_endpoint.go): GET one key, a prefix ({@code ?recurse}) or its keys
 * ({@code ?keys&separator=}), blocking on that key's or prefix's index; PUT with {@code ?flags}, {@code ?cas},
 * {@code ?acquire}, {@code ?release}; DELETE with {@code ?recurse} or {@code ?cas}. Missing data is a 404 that
 * still carries {@code X-Consul-Index}.
 */
final class KvEndpoints {
  static final int MAX_VALUE_BYTES = 512 * 1024;
  private static final String PREFIX = "/v1/kv/";

  private final Store store;
  private final SnapshotReads<KvState> reads;
  private final Clock clock;

  KvEndpoints(Store store, SnapshotReads<KvState> reads, Clock clock) {
    this.store = store;
    this.reads = reads;
    this.clock = clock;
  }

  Object kvGet(RoutingContext ctx) {
    String key = key(ctx);
    if (has(ctx, "keys")) {
      String separator = has(ctx, "separator") ? ctx.request().getParam("separator") : ctx.request().getParam("seperator");
      return reads.read(ctx, s -> s.prefixIndex(key), s -> {
        List<String> keys = s.keys(key, separator, k -> AclFilter.key(ctx, k));
        if (keys.isEmpty() && !key.isEmpty()) throw new ApiError(404, "");
        return keys;
      });
    }
    if (has(ctx, "recurse")) {
      return reads.read(ctx, s -> s.prefixIndex(key), s -> {
        List<KvEntry> visible = s.list(key).stream().filter(e -> AclFilter.key(ctx, e.key())).toList();
        if (visible.isEmpty()) throw new ApiError(404, "");
        return KvJson.entries(visible);
      });
    }
    requireKey(key);
    RequestAcl.require(ctx, RequestAcl.authz(ctx).keyRead(key), "key", "read", key);
    boolean raw = has(ctx, "raw");
    return reads.read(ctx, s -> s.keyIndex(key), s -> {
      KvEntry e = s.entry(key);
      if (e == null) throw new ApiError(404, "");
      return raw ? new RawBody(e.value()) : KvJson.entries(List.of(e));
    });
  }

  Object kvPut(RoutingContext ctx) {
    String key = requireKey(key(ctx));
    RequestAcl.require(ctx, RequestAcl.authz(ctx).keyWrite(key), "key", "write", key);
    conflicting(ctx, "cas", "acquire", "release");
    Buffer body = ctx.body().buffer();
    int length = body == null ? 0 : body.length();
    if (length > MAX_VALUE_BYTES) {
      throw new ApiError(413, "Request body(" + length + " bytes) too large, max size: " + MAX_VALUE_BYTES + " bytes.");
    }
    byte[] value = body == null ? new byte[0] : body.getBytes();
    long flags = unsigned(ctx, "flags");
    String acquire = ctx.request().getParam("acquire");
    String release = ctx.request().getParam("release");
    if (acquire != null) return write(new TxnOp("lock", key, value, flags, 0, acquire));
    if (release != null) return write(new TxnOp("unlock", key, value, flags, 0, release));
    if (has(ctx, "cas")) return write(new TxnOp("cas", key, value, flags, unsigned(ctx, "cas"), null));
    return write(new TxnOp("set", key, value, flags, 0, null));
  }

  Object kvDelete(RoutingContext ctx) {
    String key = key(ctx);
    conflicting(ctx, "recurse", "cas");
    if (has(ctx, "recurse")) {
      RequestAcl.require(ctx, RequestAcl.authz(ctx).keyWritePrefix(key), "key", "write", key);
      return write(new TxnOp("delete-tree", key, null, 0, 0, null));
    }
    requireKey(key);
    RequestAcl.require(ctx, RequestAcl.authz(ctx).keyWrite(key), "key", "write", key);
    if (has(ctx, "cas")) return write(new TxnOp("delete-cas", key, null, 0, unsigned(ctx, "cas"), null));
    return write(new TxnOp("delete", key, null, 0, 0, null));
  }

  /** Answers Consul's {@code true} or {@code false}: whether the write took effect. */
  private Future<Boolean> write(TxnOp op) {
    return Replies.onContext(store.submit(new KvCommand(op, clock.millis()))).map(Applied::value);
  }

  /** The key is the rest of the path, percent-decoded ('+' stays a plus, as in a URL path). */
  private static String key(RoutingContext ctx) {
    String path = ctx.request().path();
    String raw = path.length() > PREFIX.length() ? path.substring(PREFIX.length()) : "";
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String requireKey(String key) {
    if (key.isEmpty()) throw ApiError.badRequest("Missing key name");
    return key;
  }

  /** Consul's flags are presence-based: {@code ?recurse} and {@code ?recurse=1} alike. */
  private static boolean has(RoutingContext ctx, String name) {
    return ctx.request().params().contains(name);
  }

  private static void conflicting(RoutingContext ctx, String... names) {
    int found = 0;
    for (String n : names) if (has(ctx, n)) found++;
    if (found > 1) throw ApiError.badRequest("Conflicting flags: " + ctx.request().query());
  }

  private static long unsigned(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isEmpty()) return 0;
    try {
      return Long.parseUnsignedLong(raw);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("strconv.ParseUint: parsing \"" + raw + "\": invalid syntax");
    }
  }
}
