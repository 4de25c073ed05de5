package io.consulate.store;

import io.consulate.acl.AclPolicy;
import io.consulate.acl.AclRole;
import io.consulate.acl.AclState;
import io.consulate.acl.AclToken;
import io.consulate.cluster.Datacenters;
import io.consulate.cluster.ForwardedReply;
import io.consulate.cluster.ForwardedRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A secondary datacenter's copy of the primary's ACLs (Consul's ACL replication): while this server leads its
 * datacenter, it parks a blocking query at a server of the primary for the primary's policies, roles and global
 * tokens, and when they differ from its own it writes them through its own log ({@link AclCommand.Replicate}), so
 * every node of this datacenter resolves the primary's tokens from memory. Made with the {@code replication} token,
 * which needs acl:write there. Its state is Consul's {@code /v1/acl/replication}.
 */
public final class AclReplicator implements AutoCloseable {
  /** The primary's endpoint this pulls from (package http serves it). */
  public static final String SOURCE_PATH = "/v1/internal/consulate/acl-replication";
  private static final Logger LOG = Logger.getLogger(AclReplicator.class.getName());
  private static final long WAIT_SECONDS = 30;
  private static final long RETRY_MILLIS = 2000;

  private final Store store;
  private final Datacenters datacenters;
  private final String primary;
  private final Supplier<String> token;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "acl-replication");
    t.setDaemon(true);
    return t;
  });
  private volatile long remoteIndex;
  private volatile boolean running;
  private volatile String lastSuccess = "0001-01-01T00:00:00Z";
  private volatile String lastError = "0001-01-01T00:00:00Z";
  private volatile String lastErrorMessage = "";

  public AclReplicator(Store store, Datacenters datacenters, String primary, Supplier<String> token, Clock clock) {
    this.store = store;
    this.datacenters = datacenters;
    this.primary = primary;
    this.token = token;
    this.clock = clock;
  }

  public void start() {
    timer.execute(this::round);
  }

  /** One pull while leading; otherwise a look again shortly (leadership moves). */
  private void round() {
    if (!store.isLeader()) {
      running = false;
      remoteIndex = 0;
      timer.schedule(this::round, 1, TimeUnit.SECONDS);
      return;
    }
    running = true;
    String uri = SOURCE_PATH + "?index=" + remoteIndex + "&wait=" + WAIT_SECONDS + "s";
    ForwardedRequest request = new ForwardedRequest("GET", uri, List.of(Map.entry("X-Consul-Token", token.get())),
        new byte[0]);
    datacenters.forward(primary, request, (WAIT_SECONDS + 5) * 1000).thenCompose(this::applied).whenComplete((x, err) -> {
      if (err == null) {
        timer.execute(this::round);
        return;
      }
      Throwable cause = err.getCause() != null ? err.getCause() : err;
      String why = cause.getMessage() != null ? cause.getMessage() : cause.toString();
      if (!why.equals(lastErrorMessage)) LOG.warning("ACL replication from " + primary + " failed: " + why);
      lastError = Instant.now(clock).toString();
      lastErrorMessage = why;
      timer.schedule(this::round, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    });
  }

  private java.util.concurrent.CompletionStage<Void> applied(ForwardedReply reply) {
    String body = new String(reply.body(), StandardCharsets.UTF_8);
    if (reply.status() != 200) {
      return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException(
          "the primary answered " + reply.status() + ": " + body.strip()));
    }
    JsonObject primaryState = new JsonObject(body);
    for (Map.Entry<String, String> h : reply.headers()) {
      // An index that went backwards (the primary restored a snapshot) starts the watch over, as Consul's does.
      if (h.getKey().equalsIgnoreCase("X-Consul-Index")) {
        long index = Long.parseLong(h.getValue());
        remoteIndex = index < remoteIndex ? 0 : index;
      }
    }
    lastSuccess = Instant.now(clock).toString();
    if (sameAs(primaryState, store.aclState())) return java.util.concurrent.CompletableFuture.completedFuture(null);
    return store.submit(new AclCommand.Replicate(primaryState)).thenApply(w -> {
      LOG.info("ACLs replicated from " + primary + " (its index " + remoteIndex + ")");
      return null;
    });
  }

  /** Whether this datacenter already holds exactly the primary's policies, roles and global tokens. */
  private static boolean sameAs(JsonObject primaryState, AclState mine) {
    Set<String> theirs = new HashSet<>();
    primaryState.getJsonArray("Policies").forEach(o -> theirs.add("p" + ((JsonObject) o).getString("ID") + ((JsonObject) o).getString("Hash")));
    primaryState.getJsonArray("Roles").forEach(o -> theirs.add("r" + ((JsonObject) o).getString("ID") + ((JsonObject) o).getString("Hash")));
    primaryState.getJsonArray("Tokens").forEach(o -> theirs.add("t" + ((JsonObject) o).getString("AccessorID") + ((JsonObject) o).getString("Hash")));
    Set<String> ours = new HashSet<>();
    for (AclPolicy p : mine.policies()) ours.add("p" + p.id() + p.hash());
    for (AclRole r : mine.roles()) ours.add("r" + r.id() + r.hash());
    for (AclToken t : mine.tokens()) if (!t.local()) ours.add("t" + t.accessorId() + t.hash());
    return theirs.equals(ours) && (mine.bootstrapIndex() != 0) == primaryState.getBoolean("Bootstrapped", false);
  }

  /** Consul's {@code /v1/acl/replication} reply. */
  public JsonObject status() {
    AclState s = store.aclState();
    return new JsonObject().put("Enabled", true).put("Running", running).put("SourceDatacenter", primary)
        .put("ReplicationType", "tokens").put("ReplicatedIndex", s.policyIndex()).put("ReplicatedRoleIndex", s.roleIndex())
        .put("ReplicatedTokenIndex", s.tokenIndex()).put("LastSuccess", lastSuccess).put("LastError", lastError)
        .put("LastErrorMessage", lastErrorMessage);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
