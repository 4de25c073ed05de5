package io.consulate.cluster;

import java.util.List;
import org.infinispan.Cache;

/**
 * Decides whether a persisted cache may trust its own file store when it starts. A member that was down
 * keeps entries the others deleted meanwhile, and Infinispan's state transfer only adds what the others
 * have: loading the old store would bring deleted entries back on this member alone. So a member that
 * starts a cache which other live members already run discards its store and takes their state; only the
 * first to start it (the whole cluster restarting) loads its store. Who runs what is kept in the replicated,
 * unpersisted membership cache under {@code #running:<cache>:<node>}.
 */
final class StoreFreshness {
  private final Cache<String, String> registry;
  private final String self;

  StoreFreshness(Cache<String, String> registry, String self) {
    this.registry = registry;
    this.self = self;
  }

  /** Whether another member in {@code view} already runs {@code cache}, so this member's store is stale. */
  boolean othersRun(String cache, List<String> view) {
    for (String member : view) {
      if (!member.equalsIgnoreCase(self) && registry.containsKey(key(cache, member))) return true;
    }
    return false;
  }

  void running(String cache) {
    registry.put(key(cache, self), "true");
  }

  private static String key(String cache, String member) {
    return Membership.RESERVED_PREFIX + "running:" + cache + ":" + SerfHealthKeeper.key(member);
  }
}
