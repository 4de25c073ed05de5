package io.consulate.cluster;

import org.infinispan.Cache;

/**
 * Where an agent's stores get their Infinispan caches: local for a lone agent, replicated for a cluster. Every
 * store (catalog, KV, sessions) asks for its cache by name, so the same store code runs on either.
 */
public interface Caches extends AutoCloseable {
  String CATALOG = "consulate-catalog";

  /** The named cache of string keys and values, created on first use; may block, call off the event loop. */
  Cache<String, String> cache(String name);

  /** Stops every cache and the manager. */
  @Override
  void close();
}
