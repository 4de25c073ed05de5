package io.consulate.catalog;

import java.util.Locale;

/**
 * Names of the index table entries (Consul's memdb "index" table): each is the index of the last write
 * that changed that view, so a blocking query wakes only when its own data changes.
 */
public final class IndexKeys {
  /** Node list: any node added, removed or changed. */
  public static final String NODES = "nodes";
  /** Service names and their tags ({@code /v1/catalog/services}). */
  public static final String SERVICES = "services";
  /** Any check anywhere ({@code /v1/health/state}). */
  public static final String CHECKS = "checks";

  private IndexKeys() {}

  /** One service's instances and every check that counts against them. */
  public static String service(String name) {
    return "service:" + name.toLowerCase(Locale.ROOT);
  }

  /** One node, its services and its checks. */
  public static String node(String name) {
    return "node:" + name.toLowerCase(Locale.ROOT);
  }
}
