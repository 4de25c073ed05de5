package io.consulate.cli;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate kv export [PREFIX]}: the pairs under PREFIX as Consul's export JSON, an array of
 * {@code {"key", "flags", "value"}} (value in base64) laid out as Go's {@code MarshalIndent(v, "", "\t")}, which
 * {@code kv import} reads back.
 */
@Command(name = "export", description = "Exports a tree from the KV store as JSON.", mixinStandardHelpOptions = true)
final class KvExportCommand extends HttpCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "PREFIX")
  List<String> args = List.of();

  @Override
  public Integer call() throws Exception {
    if (args.size() > 1) return fail("Too many arguments (expected 1, got " + args.size() + ")");
    String prefix = args.isEmpty() ? "" : KvCommand.key(args.get(0));
    HttpResponse<byte[]> res = exchange("GET", KvCommand.path(prefix) + "?recurse", null);
    JsonArray pairs = new JsonArray();
    if (res.statusCode() != 404) {
      requireOk(res);
      pairs = new JsonArray(text(res));
    }
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < pairs.size(); i++) {
      JsonObject pair = pairs.getJsonObject(i);
      String value = pair.getString("Value"); // null for an empty value
      out.append(i == 0 ? "\n" : ",\n")
          .append("\t{\n\t\t\"key\": ").append(Json.encode(pair.getString("Key")))
          .append(",\n\t\t\"flags\": ").append(Long.toUnsignedString(pair.getLong("Flags", 0L)))
          .append(",\n\t\t\"value\": ").append(Json.encode(value == null ? "" : value)).append("\n\t}");
    }
    System.out.println(out.append(pairs.isEmpty() ? "]" : "\n]"));
    return 0;
  }
}
