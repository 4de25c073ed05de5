package io.consulate.cluster;

import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;

/**
 * The catalog cache of a lone agent: the same Infinispan {@link Cache} API, listeners and write path that the
 * clustered agent uses over its replicated cache, without a JGroups transport. Creating it blocks (Infinispan
 * starts its components), so call it off the event loop.
 */
public final class LocalCatalogCache {
  public static final String CACHE_NAME = "consulate-catalog";

  private LocalCatalogCache() {}

  public static Cache<String, String> create() {
    GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
    global.jmx().disable();
    global.cacheContainer().statistics(false);
    DefaultCacheManager manager = new DefaultCacheManager(global.build());
    manager.defineConfiguration(CACHE_NAME, new ConfigurationBuilder().build());
    return manager.getCache(CACHE_NAME);
  }

  /** Stops the cache and its manager. */
  public static void stop(Cache<String, String> cache) {
    cache.getCacheManager().stop();
  }
}
