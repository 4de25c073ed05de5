package io.consulate.cli;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code consulate catalog services}: the registered service names, one per line. */
@Command(name = "catalog", description = "Inspect the catalog.", mixinStandardHelpOptions = true,
    subcommands = CatalogCommand.Services.class)
public final class CatalogCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "services", description = "List the registered services.", mixinStandardHelpOptions = true)
  static final class Services extends HttpCommand implements Callable<Integer> {
    @Option(names = "-tags", description = "Show each service's tags.")
    boolean tags;

    @Override
    public Integer call() throws Exception {
      JsonObject services = new JsonObject(send("GET", "/v1/catalog/services"));
      for (String name : services.fieldNames()) {
        if (tags) System.out.printf("%-30s %s%n", name, String.join(",", services.getJsonArray(name).getList()));
        else System.out.println(name);
      }
      return 0;
    }
  }
}
