package io.consulate.health;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;

/** {@link CheckTimers} on one Vert.x event-loop context, whoever calls. */
public final class VertxCheckTimers implements CheckTimers {
  private final Vertx vertx;
  private final Context context;

  public VertxCheckTimers(Vertx vertx, Context context) {
    this.vertx = vertx;
    this.context = context;
  }

  @Override
  public long schedule(Duration delay, Runnable action) {
    return vertx.setTimer(Math.max(1, delay.toMillis()), t -> context.runOnContext(v -> action.run()));
  }

  @Override
  public void cancel(long id) {
    vertx.cancelTimer(id);
  }

  @Override
  public void execute(Runnable action) {
    context.runOnContext(v -> action.run());
  }
}
