package io.consulate.cli;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code consulate event -name NAME [payload]}: fires a user event to the datacenter, as {@code consul event}. */
@Command(name = "event", description = "Fire a new event.", mixinStandardHelpOptions = true)
public final class EventCommand extends HttpCommand implements Callable<Integer> {
  @Option(names = "-name", paramLabel = "NAME", description = "Name of the event.")
  String name;

  @Option(names = "-node", paramLabel = "REGEX", description = "Regular expression to filter on node names.")
  String node;

  @Option(names = "-service", paramLabel = "REGEX", description = "Regular expression to filter on service instances.")
  String service;

  @Option(names = "-tag", paramLabel = "REGEX", description = "Regular expression to filter on service tags. Must be used with -service.")
  String tag;

  @Parameters(paramLabel = "payload", arity = "0..*", description = "The event's payload.")
  List<String> payload = List.of();

  @Override
  public Integer call() throws Exception {
    if (name == null || name.isEmpty()) {
      System.err.println("Event name must be specified");
      return 1;
    }
    if (payload.size() > 1) {
      System.err.println("Too many command line arguments.");
      return 1;
    }
    if (tag != null && service == null) {
      System.err.println("Cannot provide tag filter without service filter.");
      return 1;
    }
    StringBuilder path = new StringBuilder("/v1/event/fire/").append(encode(name)).append('?');
    if (node != null) path.append("node=").append(encode(node)).append('&');
    if (service != null) path.append("service=").append(encode(service)).append('&');
    if (tag != null) path.append("tag=").append(encode(tag)).append('&');
    byte[] body = payload.isEmpty() ? null : payload.get(0).getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> res = exchange("PUT", path.toString(), body);
    String text = new String(res.body(), StandardCharsets.UTF_8).trim();
    if (res.statusCode() != 200) {
      System.err.println("Error firing event: Unexpected response code: " + res.statusCode() + " (" + text + ")");
      return 1;
    }
    System.out.println("Event ID: " + new JsonObject(text).getString("ID"));
    return 0;
  }
}
