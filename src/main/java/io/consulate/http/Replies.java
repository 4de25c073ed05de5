package io.consulate.http;

import io.consulate.local.InvalidDefinitionException;
import io.consulate.local.UnknownIdException;
import io.consulate.catalog.CatalogException;
import io.consulate.cluster.ClusterException;
import io.consulate.json.JsonFieldException;
import io.consulate.kv.KvException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place replies are written (Consul's {@code wrap}): JSON, pretty with {@code ?pretty}; an empty 200
 * for {@code null}; status plus plain-text reason for errors. Unexpected failures are logged and become 500.
 */
public final class Replies {
  private static final Logger LOG = Logger.getLogger(Replies.class.getName());

  private Replies() {}

  public static Handler<RoutingContext> wrap(Endpoint endpoint) {
    return ctx -> {
      Object result;
      try {
        result = endpoint.handle(ctx);
      } catch (Throwable t) {
        fail(ctx, t);
        return;
      }
      if (result instanceof Future<?> f) {
        f.onComplete(ar -> {
          if (ar.succeeded()) ok(ctx, ar.result());
          else fail(ctx, ar.cause());
        });
      } else {
        ok(ctx, result);
      }
    };
  }

  /**
   * A stage completed elsewhere (the store's threads), as a future completed on the calling request's context,
   * so the reply is written from the request's own event loop.
   */
  static <T> Future<T> onContext(java.util.concurrent.CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, io.vertx.core.Vertx.currentContext());
  }

  static void ok(RoutingContext ctx, Object value) {
    HttpServerResponse res = ctx.response();
    if (res.ended() || res.closed()) return;
    // Replies rendered outside SnapshotReads (agent-local lists, query results) say here what ACLs filtered out.
    if (RequestAcl.takeFiltered(ctx)) res.putHeader(RequestAcl.FILTERED_HEADER, "true");
    if (value == null) {
      res.end();
      return;
    }
    if (value instanceof HeadedReply h) {
      h.headers().forEach(res::putHeader);
      ok(ctx, h.body());
      return;
    }
    if (value instanceof RawBody raw) {
      raw.write(res);
      return;
    }
    Buffer body = value instanceof EncodedJson e ? e.body() : encode(ctx, value).body();
    res.putHeader("Content-Type", "application/json").end(body);
  }

  /** A reply value as Consul encodes it: compact, or indented with a trailing newline under {@code ?pretty}. */
  static EncodedJson encode(RoutingContext ctx, Object value) {
    boolean pretty = ctx.request().params().contains("pretty");
    String body;
    if (value instanceof JsonObject o) body = pretty ? o.encodePrettily() : o.encode();
    else if (value instanceof JsonArray a) body = pretty ? a.encodePrettily() : a.encode();
    else body = pretty ? Json.encodePrettily(value) : Json.encode(value);
    return new EncodedJson(Buffer.buffer(pretty ? body + "\n" : body));
  }

  /** A JSON reply already encoded, shared by every request that asked for the same view of one snapshot. */
  record EncodedJson(Buffer body) {}

  /** The JSON {@code null} as a body (a Java null is an empty 200, as Consul answers a write). */
  static final EncodedJson JSON_NULL = new EncodedJson(Buffer.buffer("null"));

  public static void fail(RoutingContext ctx, Throwable t) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    int status;
    String reason;
    if (cause instanceof ApiError e) {
      status = e.status();
      reason = e.getMessage();
    } else if (cause instanceof JsonFieldException e) {
      status = 400;
      reason = "Request decode failed: " + e.getMessage();
    } else if (cause instanceof UnknownIdException) {
      status = 404;
      reason = cause.getMessage();
    } else if (cause instanceof InvalidDefinitionException || cause instanceof CatalogException
        || cause instanceof io.consulate.store.SnapshotException) {
      status = 400;
      reason = cause.getMessage();
    } else if (cause instanceof io.consulate.acl.AclNotFoundException) {
      status = 403;
      reason = cause.getMessage();
    } else if (cause instanceof KvException || cause instanceof ClusterException || cause instanceof io.consulate.acl.AclException
        || cause instanceof io.consulate.query.QueryException) {
      status = 500;
      reason = cause.getMessage();
    } else {
      status = 500;
      reason = "internal error: " + cause;
      LOG.log(Level.SEVERE, ctx.request().method() + " " + ctx.request().path() + " failed", cause);
    }
    text(ctx.response(), status, reason);
  }

  static void text(HttpServerResponse res, int status, String reason) {
    if (res.ended() || res.closed()) return;
    res.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(reason);
  }
}
