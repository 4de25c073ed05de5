package io.consulate.store;

import io.consulate.acl.AclChanges;
import io.consulate.acl.AclState;
import io.consulate.catalog.CatalogReads;
import io.consulate.catalog.ChangeSet;
import io.consulate.kv.KvChanges;
import io.consulate.kv.KvState;

/**
 * One command's working view of the latest state: the catalog and the KV state as of the previous write, and
 * the change collectors stamped with this write's index. Only the collectors a command asks for exist; the
 * replicated state applies whatever they hold.
 */
public final class Mutation {
  private final CatalogReads catalog;
  private final KvState kv;
  private final long index;
  private final long nowMillis;
  private ChangeSet.Builder catalogChanges;
  private KvChanges kvChanges;
  private final AclState acl;
  private AclChanges aclChanges;

  Mutation(CatalogReads catalog, KvState kv, AclState acl, long index, long nowMillis) {
    this.catalog = catalog;
    this.kv = kv;
    this.acl = acl;
    this.index = index;
    this.nowMillis = nowMillis;
  }

  /** The catalog before this write. */
  public CatalogReads catalog() {
    return catalog;
  }

  /** Collects this write's catalog changes. */
  public ChangeSet.Builder catalogChanges() {
    if (catalogChanges == null) catalogChanges = new ChangeSet.Builder(index);
    return catalogChanges;
  }

  /** Collects this write's KV and session changes; reads see the earlier ones. */
  public KvChanges kv() {
    if (kvChanges == null) kvChanges = new KvChanges(kv, index, nowMillis);
    return kvChanges;
  }

  /** Collects this write's ACL changes. */
  public AclChanges acl() {
    if (aclChanges == null) aclChanges = new AclChanges(acl, index);
    return aclChanges;
  }

  AclChanges aclChanges() {
    return aclChanges;
  }

  ChangeSet builtCatalogChanges() {
    return catalogChanges == null ? null : catalogChanges.build();
  }

  KvChanges kvChanges() {
    return kvChanges;
  }
}
