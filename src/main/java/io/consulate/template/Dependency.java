package io.consulate.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One piece of registry data a template reads, named as consul-template names it ({@code "tag.name@dc|passing"}),
 * and the Consul HTTP request that fetches it. Equal dependencies are fetched once for all templates.
 */
public sealed interface Dependency {
  /** The request path and query, without blocking parameters. */
  String path();

  /** Whether the endpoint blocks ({@code ?index}); one that does not is polled every {@link Datacenters#POLL}. */
  default boolean blocking() {
    return true;
  }

  /**
   * {@code datacenters}: every datacenter, sorted by name (consul-template sorts them; the agent's nearest-first order
   * is not kept). Consul does not block on this endpoint, so consul-template polls it, every 15 s.
   */
  record Datacenters() implements Dependency {
    static final java.time.Duration POLL = java.time.Duration.ofSeconds(15);

    @Override
    public String path() {
      return "/v1/catalog/datacenters";
    }

    @Override
    public boolean blocking() {
      return false;
    }
  }

  /** {@code service "tag.name@dc~near|filter"}: healthy instances, or the listed statuses filtered here. */
  record Service(String name, String tag, String dc, String near, List<String> statuses) implements Dependency {
    private static final Pattern FORMAT =
        Pattern.compile("(?:([\\w\\s-]+)\\.)?([\\w-]+)(?:@([\\w.-]+))?(?:~([\\w.-]+))?");
    private static final Set<String> STATUSES = Set.of("any", "passing", "warning", "critical", "maintenance");

    static Service parse(String spec) {
      String[] parts = spec.split("\\|", 2);
      Matcher m = FORMAT.matcher(parts[0]);
      if (!m.matches()) throw new IllegalArgumentException("health.service: invalid format: \"" + spec + "\"");
      List<String> statuses = new ArrayList<>();
      if (parts.length > 1) {
        for (String s : parts[1].split(",")) {
          String status = s.trim().toLowerCase();
          if (!STATUSES.contains(status)) throw new IllegalArgumentException("health.service: invalid filter: \"" + s + "\"");
          statuses.add(status);
        }
      }
      return new Service(m.group(2), m.group(1), m.group(3), m.group(4), List.copyOf(statuses));
    }

    @Override
    public String path() {
      // No filter: the agent filters (?passing); any filter: fetch all and filter on our side, as consul-template.
      return "/v1/health/service/" + encode(name) + query(statuses.isEmpty() ? "passing" : null,
          "tag", tag, "dc", dc, "near", near);
    }
  }

  /** {@code services "@dc"}: every service name with its tags. */
  record Services(String dc) implements Dependency {
    static Services parse(String spec) {
      return new Services(datacenter(spec, "catalog.services"));
    }

    @Override
    public String path() {
      return "/v1/catalog/services" + query(null, "dc", dc);
    }
  }

  /** {@code node "name@dc"}: one node and its services; no name is the agent's own node. */
  record CatalogNode(String name, String dc) implements Dependency {
    static CatalogNode parse(String spec) {
      int at = spec.indexOf('@');
      String name = at < 0 ? spec : spec.substring(0, at);
      return new CatalogNode(name.isEmpty() ? null : name, at < 0 ? null : datacenter(spec.substring(at), "catalog.node"));
    }

    /** The agent's own node is named only once its name is known (from /v1/agent/self). */
    CatalogNode named(String nodeName) {
      return new CatalogNode(nodeName, dc);
    }

    @Override
    public String path() {
      if (name == null) throw new IllegalStateException("the local node's name is not known yet");
      return "/v1/catalog/node/" + encode(name) + query(null, "dc", dc);
    }
  }

  /** {@code nodes "@dc~near"}. */
  record Nodes(String dc, String near) implements Dependency {
    static Nodes parse(String spec) {
      int tilde = spec.indexOf('~');
      String near = tilde < 0 ? null : spec.substring(tilde + 1);
      return new Nodes(datacenter(tilde < 0 ? spec : spec.substring(0, tilde), "catalog.nodes"), near);
    }

    @Override
    public String path() {
      return "/v1/catalog/nodes" + query(null, "dc", dc, "near", near);
    }
  }

  /** {@code key "path@dc"}: one KV entry; the value is Optional.empty() when the key does not exist. */
  record Key(String key, String dc) implements Dependency {
    static Key parse(String spec) {
      String[] kd = keyAndDc(spec, "kv.get");
      return new Key(kd[0], kd[1]);
    }

    @Override
    public String path() {
      return "/v1/kv/" + kvPath(key) + query(null, "dc", dc);
    }
  }

  /**
   * {@code ls}/{@code tree "prefix@dc"}: every entry under a prefix. Both fetch ?recurse (ls needs values,
   * which ?keys does not return) and filter on our side, as consul-template does.
   */
  record KeyPrefix(String prefix, String dc) implements Dependency {
    static KeyPrefix parse(String spec) {
      String[] kd = keyAndDc(spec, "kv.list");
      return new KeyPrefix(kd[0], kd[1]);
    }

    @Override
    public String path() {
      return "/v1/kv/" + kvPath(prefix) + query("recurse", "dc", dc);
    }
  }

  private static String datacenter(String spec, String kind) {
    if (spec.isEmpty()) return null;
    if (!spec.matches("@[\\w.-]+")) throw new IllegalArgumentException(kind + ": invalid format: \"" + spec + "\"");
    return spec.substring(1);
  }

  private static String[] keyAndDc(String spec, String kind) {
    int at = spec.lastIndexOf('@');
    String key = at < 0 ? spec : spec.substring(0, at);
    String dc = at < 0 ? null : datacenter(spec.substring(at), kind);
    key = key.replaceAll("^/+", "");
    if (key.isEmpty() && kind.equals("kv.get")) throw new IllegalArgumentException(kind + ": invalid format: \"" + spec + "\"");
    return new String[] {key, dc};
  }

  private static String kvPath(String key) {
    return String.join("/", java.util.Arrays.stream(key.split("/", -1)).map(Dependency::encode).toList());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** "?flag&k=v..." with null values left out; the flag goes first. */
  private static String query(String flag, String... pairs) {
    List<String> parts = new ArrayList<>();
    if (flag != null) parts.add(flag);
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) parts.add(pairs[i] + "=" + encode(pairs[i + 1]));
    }
    return parts.isEmpty() ? "" : "?" + String.join("&", parts);
  }
}
