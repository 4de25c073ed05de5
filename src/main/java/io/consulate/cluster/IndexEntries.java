package io.consulate.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.infinispan.Cache;

/**
 * Writes index-table entries so they only move forward. Agents stamp writes from one counter but store them
 * concurrently, so a slower writer holding an older index must not overwrite a newer one: each entry is
 * raised with a conditional replace (decided on the key's primary owner) and retried if another raise won.
 */
final class IndexEntries {
  private IndexEntries() {}

  static CompletableFuture<Void> raiseAll(Cache<String, String> cache, Map<String, Long> entries) {
    return CompletableFuture.allOf(entries.entrySet().stream()
        .map(e -> raise(cache, e.getKey(), e.getValue())).toArray(CompletableFuture[]::new));
  }

  static CompletableFuture<Void> raise(Cache<String, String> cache, String key, long index) {
    String stamp = Long.toString(index);
    String current = cache.get(key);
    if (current == null) {
      return cache.putIfAbsentAsync(key, stamp).thenCompose(prev -> prev == null ? done() : raise(cache, key, index));
    }
    if (Long.parseLong(current) >= index) return done();
    return cache.replaceAsync(key, current, stamp).thenCompose(ok -> ok ? done() : raise(cache, key, index));
  }

  private static CompletableFuture<Void> done() {
    return CompletableFuture.completedFuture(null);
  }
}
