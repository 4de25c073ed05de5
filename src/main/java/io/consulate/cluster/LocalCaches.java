package io.consulate.cluster;

import java.nio.file.Path;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;

/**
 * The caches of a lone agent: the same Infinispan {@link Cache} API, listeners and write path that the
 * clustered agent uses over replicated caches, without a JGroups transport. With a data dir every cache is
 * backed by a file store under {@code <data-dir>/store}, so state (KV, catalog indexes) survives a restart.
 * Creating caches blocks (Infinispan starts its components and reads its store), so call this off the event loop.
 */
public final class LocalCaches implements Caches {
  private final DefaultCacheManager manager;
  private final boolean persistent;

  /** {@code dataDir} null keeps everything in memory. */
  public LocalCaches(Path dataDir) {
    GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
    global.jmx().disable();
    global.cacheContainer().statistics(false);
    persistent = dataDir != null;
    if (persistent) {
      String location = dataDir.resolve("store").toAbsolutePath().toString();
      global.globalState().enable().persistentLocation(location).sharedPersistentLocation(location);
    }
    manager = new DefaultCacheManager(global.build());
  }

  @Override
  public synchronized Cache<String, String> cache(String name) {
    if (manager.getCacheConfiguration(name) == null) {
      ConfigurationBuilder config = new ConfigurationBuilder();
      if (persistent) config.persistence().addSoftIndexFileStore().preload(true);
      manager.defineConfiguration(name, config.build());
    }
    return manager.getCache(name);
  }

  @Override
  public void close() {
    manager.stop();
  }
}
