package io.consulate.catalog;

import java.util.Map;

/** A catalog node: one agent, or an external node registered through the catalog API. */
public record Node(
    String name,
    String id,
    String address,
    String datacenter,
    Map<String, String> taggedAddresses,
    Map<String, String> meta,
    long createIndex,
    long modifyIndex) {

  public Node {
    taggedAddresses = Map.copyOf(taggedAddresses);
    meta = Map.copyOf(meta);
  }

  public Node withIndexes(long create, long modify) {
    return new Node(name, id, address, datacenter, taggedAddresses, meta, create, modify);
  }

  /** Same content, ignoring the raft-style indexes: an idempotent re-registration must not bump them. */
  public boolean sameContent(Node o) {
    return name.equals(o.name) && id.equals(o.id) && address.equals(o.address) && datacenter.equals(o.datacenter)
        && taggedAddresses.equals(o.taggedAddresses) && meta.equals(o.meta);
  }
}
