package io.consulate.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code consulate catalog services|nodes|datacenters}: Consul's catalog commands. */
@Command(name = "catalog", description = "Interact with the catalog.", mixinStandardHelpOptions = true,
    subcommands = {CatalogServicesCommand.class, CatalogNodesCommand.class, CatalogDatacentersCommand.class})
public final class CatalogCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** {@code -node-meta key=value} flags as the API's repeated {@code &node-meta=key:value} parameters. */
  static String nodeMeta(Map<String, String> meta) {
    StringBuilder q = new StringBuilder();
    meta.forEach((k, v) -> q.append("&node-meta=").append(HttpCommand.encode(k + ":" + v)));
    return q.toString();
  }

  /** A path with the query parameters collected as {@code &a=b...}, the first "&" turned into "?". */
  static String withQuery(String path, CharSequence params) {
    return params.length() == 0 ? path : path + "?" + params.toString().substring(1);
  }
}
