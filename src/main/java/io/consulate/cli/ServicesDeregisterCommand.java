package io.consulate.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code consulate services deregister}: deregisters from the local agent the service {@code -id}, or the services
 * defined in config files (by ID, else name). Prints "Deregistered service: ID" for each.
 */
@Command(name = "deregister", description = "Deregister services with the local agent.",
    mixinStandardHelpOptions = true)
final class ServicesDeregisterCommand extends HttpCommand implements Callable<Integer> {
  @ParentCommand
  ServicesCommand parent;

  @Option(names = "-id", description = "ID to delete. This must not be set if arguments are given.")
  String id;
  @Parameters(arity = "0..*", paramLabel = "FILE")
  List<Path> files = List.of();

  @Override
  public Integer call() throws Exception {
    if (files.isEmpty() && id == null) return fail("Service deregistration requires at least one argument or -id.");
    if (!files.isEmpty() && id != null) return fail("Service deregistration requires arguments or -id, not both.");
    List<JsonObject> services;
    try {
      services = files.isEmpty() ? List.of(new JsonObject().put("ID", id)) : parent.files.read(files);
    } catch (Exception e) {
      return fail("Error: " + e.getMessage());
    }
    for (JsonObject s : services) {
      String target = s.getString("ID", "").isEmpty() ? s.getString("Name", "") : s.getString("ID");
      if (target.isEmpty()) continue;
      try {
        send("PUT", "/v1/agent/service/deregister/" + encode(target));
      } catch (IOException e) {
        // Consul's words, "registering" included.
        return fail("Error registering service \"" + s.getString("Name", "") + "\": " + e.getMessage());
      }
      System.out.println("Deregistered service: " + target);
    }
    return 0;
  }
}
