package io.consulate.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.cluster.infinispan.InfinispanClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.conflict.MergePolicy;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.partitionhandling.PartitionHandling;
import org.infinispan.remoting.transport.Address;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.JChannel;
import org.jgroups.PhysicalAddress;
import org.jgroups.stack.IpAddress;

/**
 * The LAN side of a clustered agent (Consul's serf LAN): one JGroups channel and Infinispan cache manager that
 * carry the Vert.x cluster manager (event bus) and the replicated, unpersisted membership records. The state
 * itself is not here: it is in the servers' Raft log ({@link RaftNode}).
 */
public final class ClusteredCaches implements AutoCloseable {
  /** The caches and template the Vert.x Infinispan cluster manager looks up by name. */
  private static final List<String> VERTX_CACHES = List.of("__vertx.subs", "__vertx.haInfo", "__vertx.nodeInfo");
  private static final String VERTX_MAP_TEMPLATE = "__vertx.distributed.cache.configuration";

  private final DefaultCacheManager manager;
  private final InfinispanClusterManager clusterManager;
  private final ClusterSettings settings;
  private volatile Vertx clusteredVertx;

  /** Configures, does not start: starting joins the cluster and blocks, see {@link #start()}. */
  public ClusteredCaches(ClusterSettings settings, String datacenter, String nodeName) {
    GlobalConfigurationBuilder global = GlobalConfigurationBuilder.defaultClusteredBuilder();
    global.jmx().disable();
    global.cacheContainer().statistics(false);
    global.transport().clusterName("consulate-" + datacenter).nodeName(nodeName)
        .addProperty(JGroupsTransport.CONFIGURATION_STRING, JGroupsStack.render(settings));
    this.settings = settings;
    manager = new DefaultCacheManager(global.build(), false);
    Configuration vertx = replicated().build();
    for (String name : VERTX_CACHES) manager.defineConfiguration(name, vertx);
    manager.defineConfiguration(VERTX_MAP_TEMPLATE,
        new ConfigurationBuilder().clustering().cacheMode(CacheMode.DIST_SYNC).template(true).build());
    clusterManager = new InfinispanClusterManager(manager);
  }

  /** Joins the cluster (JGroups discovery and the first view); blocks. */
  void start() {
    manager.start();
  }

  /**
   * Joins the cluster, then builds clustered Vert.x on this cache manager (the cluster manager the agent's LAN
   * runs under), its event bus on the bind address. Joining blocks, so it runs on a thread of its own; the agent
   * itself runs on its own Vert.x meanwhile and answers before the join completes. On failure the caches are
   * closed.
   */
  public Future<Void> join(VertxOptions options) {
    options.getEventBusOptions().setHost(settings.bindAddr()).setPort(0);
    return Future.fromCompletionStage(CompletableFuture.runAsync(this::start))
        .compose(v -> Vertx.builder().with(options).withClusterManager(clusterManager).buildClustered())
        .onSuccess(v -> clusteredVertx = v).<Void>mapEmpty()
        .recover(err -> {
          close();
          Throwable cause = rootCause(err);
          // A member refused the join (JGroups' AUTH): the keys differ, or one side has none.
          if (cause instanceof SecurityException) {
            return Future.failedFuture("cannot join the cluster at " + String.join(", ", settings.join())
                + ": refused (" + Refusals.REASON + ")");
          }
          return Future.failedFuture("cannot join the cluster on " + settings.bindAddr() + ":" + settings.serfLanPort()
              + ": " + cause.getMessage());
        });
  }

  /** Infinispan wraps the reason (a port in use, an unknown address) in two layers of its own. */
  private static Throwable rootCause(Throwable err) {
    Throwable t = err;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t;
  }

  /** Leaves the Vert.x cluster (if it was joined); {@link #close()} then stops the caches. */
  public Future<Void> leave() {
    Vertx v = clusteredVertx;
    return v == null ? Future.succeededFuture() : v.close();
  }

  /** Member records: each is written by its own agent (or the LAN coordinator), so merges keep any value. */
  private static ConfigurationBuilder replicated() {
    ConfigurationBuilder c = new ConfigurationBuilder();
    c.clustering().cacheMode(CacheMode.REPL_SYNC).remoteTimeout(10, TimeUnit.SECONDS)
        .partitionHandling().whenSplit(PartitionHandling.ALLOW_READ_WRITES).mergePolicy(MergePolicy.PREFERRED_NON_NULL);
    return c;
  }

  /** A replicated cache that is not persisted: membership, which is only meaningful while the cluster runs. */
  synchronized Cache<String, String> volatileCache(String name) {
    if (manager.getCacheConfiguration(name) == null) manager.defineConfiguration(name, replicated().build());
    return manager.getCache(name);
  }

  /** The node names in the current view, the coordinator first. */
  List<String> view() {
    List<String> names = new ArrayList<>();
    for (Address a : manager.getMembers()) names.add(a.toString());
    return names;
  }

  boolean isCoordinator() {
    return manager.isCoordinator();
  }

  /** The port JGroups actually listens on (the serf LAN port, or the one picked for port 0 once joined). */
  public int serfLanPort() {
    if (!manager.getStatus().allowInvocations()) return settings.serfLanPort(); // not joined (yet)
    return ((IpAddress) physicalAddress()).getPort();
  }

  private PhysicalAddress physicalAddress() {
    JChannel channel = channel();
    return (PhysicalAddress) channel.down(new org.jgroups.Event(org.jgroups.Event.GET_PHYSICAL_ADDRESS, channel.getAddress()));
  }

  /**
   * Adds a member to contact ({@code host[:port]}). Discovery and MERGE3 pick it up within a few seconds and
   * merge the two clusters; TCPPING keeps the address for later rounds.
   */
  void addJoinAddress(String address) {
    JGroupsStack.addInitialHost(channel(), address);
  }

  @SuppressWarnings("deprecation") // getTransport: the only public way to the channel in Infinispan 14
  JChannel channel() {
    return ((JGroupsTransport) manager.getTransport()).getChannel();
  }

  @Override
  public void close() {
    manager.stop();
  }
}
