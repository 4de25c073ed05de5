package io.consulate.health;

import java.util.concurrent.CompletionStage;

/** Where checks report what they found; completes once the report is visible to readers (or was dropped). */
@FunctionalInterface
public interface StatusSink {
  CompletionStage<Void> report(String checkId, CheckResult result);

  /** The check was deregistered: drop anything kept for it. */
  default void forget(String checkId) {}

  /** Anti-entropy: write again any check whose status in the catalog is not its newest result. */
  default void resync() {}
}
