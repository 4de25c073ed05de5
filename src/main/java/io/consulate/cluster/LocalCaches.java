package io.consulate.cluster;

import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;

/**
 * The caches of a lone agent: the same Infinispan {@link Cache} API, listeners and write path that the
 * clustered agent uses over replicated caches, without a JGroups transport. Creating them blocks (Infinispan
 * starts its components), so call this off the event loop.
 */
public final class LocalCaches implements Caches {
  private final DefaultCacheManager manager;

  public LocalCaches() {
    GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
    global.jmx().disable();
    global.cacheContainer().statistics(false);
    manager = new DefaultCacheManager(global.build());
  }

  @Override
  public synchronized Cache<String, String> cache(String name) {
    if (manager.getCacheConfiguration(name) == null) manager.defineConfiguration(name, new ConfigurationBuilder().build());
    return manager.getCache(name);
  }

  @Override
  public void close() {
    manager.stop();
  }
}
