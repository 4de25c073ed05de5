package io.consulate.health;

import io.vertx.core.Future;

/** One attempt of a periodic check; never fails its future: every outcome is a {@link CheckResult}. */
@FunctionalInterface
interface Probe {
  Future<CheckResult> run();
}
