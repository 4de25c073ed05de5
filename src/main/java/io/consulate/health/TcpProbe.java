package io.consulate.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;

/** Consul's TCP check: a connection accepted within the timeout is passing, anything else critical. */
final class TcpProbe implements Probe {
  private final Vertx vertx;
  private final NetClient client;
  private final String target;
  private final Duration timeout;

  TcpProbe(Vertx vertx, NetClient client, String target, Duration timeout) {
    this.vertx = vertx;
    this.client = client;
    this.target = target;
    this.timeout = timeout;
  }

  @Override
  public Future<CheckResult> run() {
    SocketAddress address;
    try {
      address = Probes.hostPort(target);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(CheckResult.critical(e.getMessage()));
    }
    Promise<CheckResult> result = Promise.promise();
    long timer = vertx.setTimer(timeout.toMillis(), t ->
        result.tryComplete(CheckResult.critical("dial tcp " + target + ": i/o timeout")));
    client.connect(address).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        ar.result().close();
        result.tryComplete(CheckResult.passing("TCP connect " + target + ": Success"));
      } else {
        result.tryComplete(CheckResult.critical("dial tcp " + target + ": " + Probes.describe(ar.cause())));
      }
    });
    return result.future();
  }
}
