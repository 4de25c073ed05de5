package io.consulate.agent;

import io.consulate.cluster.ClusterException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The agent's start-up writes (its node, saved checks, config-file registrations), each run again while the
 * cluster answers "No cluster leader", "No known Consul servers" or "leadership lost": the steps are
 * idempotent, and an agent that starts before its servers have a leader (or before it joined any) registers
 * itself as soon as one does. A refusal by the catalog is tried a few more times, since the catalog can change
 * under a step (the leader applying this node's own graceful leave late, right after a restart, removes the node
 * the step just wrote); one that persists ends the step.
 */
final class StartupWrites {
  private static final Logger LOG = Logger.getLogger(StartupWrites.class.getName());
  private static final long RETRY_MILLIS = 500;
  /** A waiting step is logged again this often, not on every try. */
  private static final long LOG_EVERY_MILLIS = 30_000;
  /** Tries of a step the catalog refuses before it is given up. */
  private static final int REFUSED_TRIES = 10;

  private final Vertx vertx;

  StartupWrites(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Void> untilAccepted(String what, Supplier<CompletionStage<Void>> step) {
    Promise<Void> done = Promise.promise();
    attempt(what, step, done, 0, 1);
    return done.future();
  }

  private void attempt(String what, Supplier<CompletionStage<Void>> step, Promise<Void> done, long loggedAt, int tries) {
    Future<Void> tried;
    try {
      tried = Future.fromCompletionStage(step.get(), vertx.getOrCreateContext());
    } catch (RuntimeException e) {
      tried = Future.failedFuture(e);
    }
    tried.onComplete(ar -> {
      Throwable cause = ar.failed() && ar.cause() instanceof CompletionException && ar.cause().getCause() != null
          ? ar.cause().getCause() : ar.cause();
      if (ar.succeeded()) {
        done.complete();
      } else if (cause instanceof ClusterException) {
        long now = System.currentTimeMillis();
        boolean log = now - loggedAt >= LOG_EVERY_MILLIS;
        if (log) LOG.info(what + " not accepted yet (" + cause.getMessage() + "); trying again until it is");
        vertx.setTimer(RETRY_MILLIS, t -> attempt(what, step, done, log ? now : loggedAt, tries));
      } else if (tries < REFUSED_TRIES) {
        vertx.setTimer(RETRY_MILLIS, t -> attempt(what, step, done, loggedAt, tries + 1));
      } else {
        LOG.warning(what + " failed: " + cause.getMessage());
        done.fail(ar.cause());
      }
    });
  }
}
