package io.consulate.cluster;

import java.util.concurrent.CompletionStage;

/** Hands out the indexes that stamp writes; strictly increasing across every writer that shares it. */
public interface IndexCounter {
  /** Reserves {@code count} consecutive fresh indexes and completes with the highest of them. */
  CompletionStage<Long> next(int count);

  default CompletionStage<Long> next() {
    return next(1);
  }
}
