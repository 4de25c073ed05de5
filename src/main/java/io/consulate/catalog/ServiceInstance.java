package io.consulate.catalog;

import java.util.List;
import java.util.Map;

/**
 * One registered service instance on a node. An empty {@code address} means "use the node's address",
 * exactly as Consul's {@code ServiceAddress}.
 */
public record ServiceInstance(
    String node,
    String id,
    String name,
    List<String> tags,
    String address,
    int port,
    Map<String, String> meta,
    Weights weights,
    boolean enableTagOverride,
    long createIndex,
    long modifyIndex) {

  public ServiceInstance {
    tags = List.copyOf(tags);
    meta = Map.copyOf(meta);
  }

  public ServiceInstance withIndexes(long create, long modify) {
    return new ServiceInstance(node, id, name, tags, address, port, meta, weights, enableTagOverride, create, modify);
  }

  public ServiceInstance onNode(String nodeName) {
    return new ServiceInstance(nodeName, id, name, tags, address, port, meta, weights, enableTagOverride,
        createIndex, modifyIndex);
  }

  public boolean sameContent(ServiceInstance o) {
    return withIndexes(0, 0).equals(o.withIndexes(0, 0));
  }

  /** Consul matches tags case-insensitively in DNS and {@code ?tag=}. */
  public boolean hasTag(String tag) {
    for (String t : tags) {
      if (t.equalsIgnoreCase(tag)) return true;
    }
    return false;
  }

  /** The address clients should connect to: the service's own, else its node's. */
  public String effectiveAddress(Node n) {
    return address.isEmpty() ? n.address() : address;
  }
}
