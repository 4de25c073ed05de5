package io.consulate.http;

import io.vertx.ext.web.RoutingContext;

/**
 * One API operation. It returns the reply value (a JSON value, {@code null} for an empty 200, or a
 * {@link io.vertx.core.Future} of one) or throws {@link ApiError}; {@link Replies} writes either.
 */
@FunctionalInterface
public interface Endpoint {
  Object handle(RoutingContext ctx) throws Exception;
}
