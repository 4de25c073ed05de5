package io.consulate.catalog;

import java.util.Locale;

/**
 * Storage keys of catalog entries. Node names are case-insensitive in Consul, so keys hold them lower-cased;
 * service and check ids are case-sensitive.
 */
public final class EntryKeys {
  public static final String NODE_PREFIX = "n/";
  public static final String SERVICE_PREFIX = "s/";
  public static final String CHECK_PREFIX = "c/";
  public static final String INDEX_PREFIX = "i/";

  private EntryKeys() {}

  public static String node(String node) {
    return NODE_PREFIX + lower(node);
  }

  public static String service(String node, String serviceId) {
    return SERVICE_PREFIX + lower(node) + "/" + serviceId;
  }

  public static String check(String node, String checkId) {
    return CHECK_PREFIX + lower(node) + "/" + checkId;
  }

  public static String index(String indexKey) {
    return INDEX_PREFIX + indexKey;
  }

  /** The lower-cased node a node, service or check key belongs to; null for other keys. */
  public static String nodeOf(String key) {
    String rest;
    if (key.startsWith(NODE_PREFIX)) return key.substring(NODE_PREFIX.length());
    if (key.startsWith(SERVICE_PREFIX)) rest = key.substring(SERVICE_PREFIX.length());
    else if (key.startsWith(CHECK_PREFIX)) rest = key.substring(CHECK_PREFIX.length());
    else return null;
    int slash = rest.indexOf('/');
    return slash < 0 ? null : rest.substring(0, slash);
  }

  /** The service or check id of a service or check key; null for other keys. */
  public static String idOf(String key) {
    if (!key.startsWith(SERVICE_PREFIX) && !key.startsWith(CHECK_PREFIX)) return null;
    int slash = key.indexOf('/', 2);
    return slash < 0 ? null : key.substring(slash + 1);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
