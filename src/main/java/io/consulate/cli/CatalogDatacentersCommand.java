package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code consulate catalog datacenters}: the known datacenters, one per line. */
@Command(name = "datacenters", description = "Lists all known datacenters.", mixinStandardHelpOptions = true)
final class CatalogDatacentersCommand extends HttpCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", hidden = true)
  List<String> extra = List.of();

  @Override
  public Integer call() throws Exception {
    if (!extra.isEmpty()) return fail("Too many arguments (expected 0, got " + extra.size() + ")");
    JsonArray dcs;
    try {
      dcs = new JsonArray(send("GET", "/v1/catalog/datacenters"));
    } catch (IOException e) {
      return fail("Error listing datacenters: " + e.getMessage());
    }
    for (Object dc : dcs) System.out.println(dc);
    return 0;
  }
}
