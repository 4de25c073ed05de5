package io.consulate.http;

import io.consulate.catalog.GoDuration;
import io.consulate.catalog.HealthCheck;
import io.consulate.json.Fields;
import io.consulate.json.JsonFieldException;
import io.consulate.kv.KvState;
import io.consulate.kv.Session;
import io.consulate.store.SessionCommand;
import io.consulate.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@code /v1/session/*} (agent/session_endpoint.go): create with Consul's defaults (this node, serfHealth,
 * 15s lock delay, release), destroy, renew, and the blocking reads info, node and list.
 */
final class SessionEndpoints {
  /** Consul reads a LockDelay number below this as seconds, above as nanoseconds. */
  private static final double LOCK_DELAY_SECONDS_BELOW = 1000;

  private final Store store;
  private final SnapshotReads<KvState> reads;
  private final String nodeName;
  private final java.time.Clock clock;

  SessionEndpoints(Store store, SnapshotReads<KvState> reads, String nodeName, java.time.Clock clock) {
    this.store = store;
    this.reads = reads;
    this.nodeName = nodeName;
    this.clock = clock;
  }

  Object sessionCreate(RoutingContext ctx) {
    String body = ctx.body().asString();
    Session s = parse(body == null || body.isBlank() ? Fields.of(new JsonObject()) : Fields.parse(body));
    requireSessionWrite(ctx, s.node());
    return Replies.onContext(store.submit(new SessionCommand.Create(s, clock.millis())))
        .map(w -> new JsonObject().put("ID", w.value().id()));
  }

  Object sessionDestroy(RoutingContext ctx) {
    String id = Params.pathParam(ctx, "id", "Missing session");
    Session existing = store.kvState().session(id);
    if (existing != null) requireSessionWrite(ctx, existing.node());
    return Replies.onContext(store.submit(new SessionCommand.Destroy(id, clock.millis()))).map(w -> Boolean.TRUE);
  }

  Object sessionRenew(RoutingContext ctx) {
    String id = Params.pathParam(ctx, "id", "Missing session");
    Session existing = store.kvState().session(id);
    if (existing != null) requireSessionWrite(ctx, existing.node());
    return Replies.onContext(store.submit(new SessionCommand.Renew(id, clock.millis()))).map(w -> w.value()).map(s -> {
      if (s == null) throw ApiError.notFound("Session id '" + id + "' not found");
      return new JsonArray().add(KvJson.session(s));
    });
  }

  Object sessionInfo(RoutingContext ctx) {
    String id = Params.pathParam(ctx, "id", "Missing session");
    return list(ctx, s -> s.id().equals(id));
  }

  Object sessionNode(RoutingContext ctx) {
    String node = Params.pathParam(ctx, "node", "Missing node name");
    return list(ctx, s -> s.node().equalsIgnoreCase(node));
  }

  Object sessionList(RoutingContext ctx) {
    return list(ctx, s -> true);
  }

  private Object list(RoutingContext ctx, Predicate<Session> wanted) {
    return reads.read(ctx, KvState::sessionIndex, state -> {
      JsonArray out = new JsonArray();
      for (Session s : state.sessions()) {
        if (wanted.test(s) && AclFilter.session(ctx, s.node())) out.add(KvJson.session(s));
      }
      return out;
    });
  }

  private static void requireSessionWrite(RoutingContext ctx, String node) {
    RequestAcl.require(ctx, RequestAcl.authz(ctx).sessionWrite(node), "session", "write", node);
  }

  private Session parse(Fields f) {
    List<String> nodeChecks = new ArrayList<>();
    if (f.has("NodeChecks") || f.has("Checks")) {
      nodeChecks.addAll(f.strings("NodeChecks"));
      for (String c : f.strings("Checks")) if (!nodeChecks.contains(c)) nodeChecks.add(c);
    } else {
      nodeChecks.add(HealthCheck.SERF_HEALTH);
    }
    List<String> serviceChecks = new ArrayList<>();
    for (Fields c : f.objects("ServiceChecks")) serviceChecks.add(c.string("", "ID"));
    Session.Behavior behavior;
    try {
      behavior = Session.Behavior.of(f.string("release", "Behavior"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    return new Session(UUID.randomUUID().toString(), f.string("", "Name"), f.string(nodeName, "Node"),
        lockDelayNanos(f.raw("LockDelay")), behavior, f.duration("", "TTL"), nodeChecks, serviceChecks, 0, 0, 0);
  }

  private static long lockDelayNanos(Object raw) {
    if (raw == null) return Duration.ofSeconds(15).toNanos();
    if (raw instanceof Number n) {
      double v = n.doubleValue();
      return v < LOCK_DELAY_SECONDS_BELOW ? (long) (v * 1e9) : (long) v;
    }
    if (raw instanceof String s) {
      try {
        return GoDuration.parse(s).toNanos();
      } catch (IllegalArgumentException e) {
        throw new JsonFieldException("LockDelay: " + e.getMessage());
      }
    }
    throw new JsonFieldException("LockDelay: expected a duration such as \"15s\"");
  }
}
