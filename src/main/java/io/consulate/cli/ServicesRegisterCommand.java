package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code consulate services register}: registers services with the local agent from flags, or from config files
 * with {@code service}/{@code services} blocks, where flags fill in what a file leaves out (Consul's
 * {@code CombineArgs}). Prints "Registered service: NAME" for each.
 */
@Command(name = "register", description = "Register services with the local agent.", mixinStandardHelpOptions = true)
final class ServicesRegisterCommand extends HttpCommand implements Callable<Integer> {
  @ParentCommand
  ServicesCommand parent;

  @Option(names = "-id", description = "ID of the service (default: the -name value).")
  String id;
  @Option(names = "-name", description = "Name of the service.")
  String name;
  @Option(names = "-address", description = "Address of the service.")
  String address;
  @Option(names = "-port", defaultValue = "0", description = "Port of the service.")
  int port;
  @Option(names = "-meta", paramLabel = "KEY=VALUE", description = "Metadata to set on the service; repeatable.")
  Map<String, String> meta = new LinkedHashMap<>();
  @Option(names = "-tag", description = "Tag to add to the service; repeatable.")
  List<String> tags = new ArrayList<>();
  @Parameters(arity = "0..*", paramLabel = "FILE")
  List<Path> files = List.of();

  @Override
  public Integer call() throws Exception {
    if (files.isEmpty() && name == null) return fail("Service registration requires at least one argument or flags.");
    if (!files.isEmpty() && name != null) return fail("Service registration requires arguments or -id, not both.");
    List<JsonObject> services;
    if (files.isEmpty()) {
      services = List.of(fromFlags(new JsonObject().put("Name", name)));
    } else {
      try {
        services = parent.files.read(files);
      } catch (Exception e) {
        return fail("Error: " + e.getMessage());
      }
      services.forEach(this::fromFlags);
    }
    for (JsonObject s : services) {
      try {
        send("PUT", "/v1/agent/service/register", s.encode().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        return fail("Error registering service \"" + s.getString("Name") + "\": " + e.getMessage());
      }
      System.out.println("Registered service: " + s.getString("Name"));
    }
    return 0;
  }

  /**
   * Fills in from the flags what the definition leaves empty; meta and tags are added to. A file's ID is always set
   * (it defaults to the name), so {@code -id} only replaces one that is just the name.
   */
  private JsonObject fromFlags(JsonObject s) {
    if (id != null && (s.getString("ID", "").isEmpty() || s.getString("ID").equals(s.getString("Name")))) {
      s.put("ID", id);
    }
    if (address != null && s.getString("Address", "").isEmpty()) s.put("Address", address);
    if (port != 0 && s.getInteger("Port", 0) == 0) s.put("Port", port);
    JsonObject m = s.getJsonObject("Meta", new JsonObject());
    meta.forEach(m::put);
    JsonArray t = s.getJsonArray("Tags", new JsonArray());
    tags.forEach(t::add);
    return s.put("Meta", m).put("Tags", t);
  }
}
