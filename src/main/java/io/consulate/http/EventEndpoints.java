package io.consulate.http;

import io.consulate.local.UserEvents;
import io.consulate.store.Store;
import io.consulate.store.UserEvent;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * {@code PUT /v1/event/fire/:name} and {@code GET /v1/event/list}, as Consul's event endpoints: a fired event goes
 * to every agent of the datacenter through the log; the list is this agent's buffer ({@link UserEvents}), a blocking
 * query whose index is derived from the last event's ID (Consul's {@code uuidToUint64}: not monotonic, so a query
 * waits only while the index is exactly the one it gives).
 */
final class EventEndpoints {
  /** Serf's {@code UserEventSizeLimit}, on the event's name and its encoded form. */
  static final int SIZE_LIMIT = 512;
  /** What Consul's msgpack envelope adds to the name, payload and filters (id, keys, version), measured roughly. */
  private static final int ENVELOPE_BYTES = 50;

  private final Store store;
  private final UserEvents events;
  private final String datacenter;

  EventEndpoints(Store store, UserEvents events, String datacenter) {
    this.store = store;
    this.events = events;
    this.datacenter = datacenter;
  }

  Object fire(RoutingContext ctx) {
    Params.requireDatacenter(ctx, datacenter);
    String name = ctx.pathParam("name");
    RequestAcl.require(ctx, RequestAcl.authz(ctx).eventWrite(name), "event", "write", name);
    String node = param(ctx, "node");
    String service = param(ctx, "service");
    String tag = param(ctx, "tag");
    byte[] payload = ctx.body().length() > 0 ? ctx.body().buffer().getBytes() : null;
    String invalid = UserEvents.invalid(name, node, service, tag);
    if (invalid != null) throw new ApiError(500, invalid);
    int size = 2 * name.length() + (payload == null ? 0 : payload.length) + node.length() + service.length()
        + tag.length() + ENVELOPE_BYTES;
    if (size > SIZE_LIMIT) {
      throw new ApiError(500, "user event exceeds configured limit of " + SIZE_LIMIT + " bytes before encoding");
    }
    UserEvent event = new UserEvent(UUID.randomUUID().toString(), name, payload, node, service, tag, UserEvent.VERSION, 0);
    return Replies.onContext(store.fire(event)).map(ltime -> json(event)); // LTime 0, as Consul answers a fire
  }

  Object missingName(RoutingContext ctx) {
    throw ApiError.badRequest("Missing name");
  }

  Object list(RoutingContext ctx) {
    String name = param(ctx, "name");
    long index = BlockingQueries.index(ctx);
    if (index == 0) return reply(ctx, matching(name));
    long deadline = System.nanoTime() + BlockingQueries.waitTime(ctx).toNanos();
    Promise<Object> answer = Promise.promise();
    awaitOther(ctx, Vertx.currentContext(), name, index, deadline, answer);
    return answer.future();
  }

  /** Answers once the index is not {@code index} (re-parking after an event of another name) or at the deadline. */
  private void awaitOther(RoutingContext ctx, Context context, String name, long index, long deadline, Promise<Object> answer) {
    if (answer.future().isComplete()) return; // woken twice: by the event and by the look after parking
    List<UserEvent> now = matching(name);
    long left = deadline - System.nanoTime();
    if (indexOf(now) != index || left <= 0 || ctx.response().closed()) {
      answer.tryComplete(reply(ctx, now));
      return;
    }
    Runnable[] wake = new Runnable[1];
    long timer = context.owner().setTimer(Math.max(1, left / 1_000_000), t -> {
      events.cancel(wake[0]);
      answer.tryComplete(reply(ctx, matching(name)));
    });
    wake[0] = () -> context.runOnContext(v -> {
      context.owner().cancelTimer(timer);
      awaitOther(ctx, context, name, index, deadline, answer);
    });
    events.onNext(wake[0]);
    if (indexOf(matching(name)) != index) wake[0].run(); // an event came between the look and the parking
  }

  private List<UserEvent> matching(String name) {
    List<UserEvent> all = events.list();
    return name.isEmpty() ? all : all.stream().filter(e -> e.name().equals(name)).toList();
  }

  private static Object reply(RoutingContext ctx, List<UserEvent> list) {
    ctx.response().putHeader("X-Consul-Index", Long.toUnsignedString(indexOf(list)));
    JsonArray out = new JsonArray();
    list.forEach(e -> {
      if (AclFilter.event(ctx, e.name())) out.add(json(e));
    });
    return out;
  }

  /** Consul's index of an event list: 1 when empty (no hot loop for a watch), else from the last event's ID. */
  static long indexOf(List<UserEvent> list) {
    if (list.isEmpty()) return 1;
    String id = list.get(list.size() - 1).id();
    long low = Long.parseUnsignedLong(id.substring(0, 8) + id.substring(9, 13) + id.substring(14, 18), 16);
    long high = Long.parseUnsignedLong(id.substring(19, 23) + id.substring(24, 36), 16);
    return low ^ high;
  }

  /** Consul's {@code UserEvent} JSON: the payload base64 (null when none). */
  static JsonObject json(UserEvent e) {
    return new JsonObject().put("ID", e.id()).put("Name", e.name())
        .put("Payload", e.payload() == null ? null : Base64.getEncoder().encodeToString(e.payload()))
        .put("NodeFilter", e.nodeFilter()).put("ServiceFilter", e.serviceFilter()).put("TagFilter", e.tagFilter())
        .put("Version", e.version()).put("LTime", e.ltime());
  }

  private static String param(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    return v == null ? "" : v;
  }
}
