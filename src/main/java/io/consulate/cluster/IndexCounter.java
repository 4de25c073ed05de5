package io.consulate.cluster;

import java.util.concurrent.CompletionStage;

/** Hands out the index that stamps each write; strictly increasing across every writer that shares it. */
public interface IndexCounter {
  CompletionStage<Long> next();
}
