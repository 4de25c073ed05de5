package io.consulate.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.Function;

/** Owns one HTTP listener on the API port; several instances share the port across event loops. */
public final class HttpApiVerticle extends VerticleBase {
  private final Function<io.vertx.core.Vertx, Router> routerFactory;
  private final String host;
  private final int port;
  private final HttpServerOptions options;
  private HttpServer server;

  /** {@code options}: plain, or TLS for the HTTPS port. */
  public HttpApiVerticle(Function<io.vertx.core.Vertx, Router> routerFactory, String host, int port,
      HttpServerOptions options) {
    this.routerFactory = routerFactory;
    this.host = host;
    this.port = port;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions(options)).requestHandler(routerFactory.apply(vertx));
    return server.listen(port, host);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
