package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code consulate kv get}: as {@code consul kv get}, a value, a prefix's pairs ({@code -recurse}) or keys. */
@Command(name = "get", description = "Retrieves or lists data from the KV store.", mixinStandardHelpOptions = true)
final class KvGetCommand extends HttpCommand implements Callable<Integer> {
  @Parameters(index = "0", defaultValue = "", paramLabel = "KEY_OR_PREFIX")
  String key;
  @Option(names = "-base64", description = "Base64 encode the value.")
  boolean base64;
  @Option(names = "-detailed", description = "Show the key's metadata (indexes, flags, session) with its value.")
  boolean detailed;
  @Option(names = "-keys", description = "List the keys under the prefix instead of values.")
  boolean keys;
  @Option(names = "-recurse", description = "Show every key under the prefix as key:value.")
  boolean recurse;
  @Option(names = "-separator", defaultValue = "/", description = "With -keys, fold keys at this string (default /).")
  String separator;

  @Override
  public Integer call() throws Exception {
    String k = KvCommand.key(key);
    if (k.isEmpty() && !recurse && !keys) return fail("Error! Missing KEY argument");
    String query = keys ? "?keys" + (separator.isEmpty() ? "" : "&separator=" + encode(separator))
        : recurse ? "?recurse" : "";
    HttpResponse<byte[]> res = exchange("GET", KvCommand.path(k) + query, null);
    if (res.statusCode() == 404) return keys || recurse ? 0 : fail("Error! No key exists at: " + k);
    try {
      requireOk(res);
    } catch (IOException e) {
      return fail("Error querying Consul agent: " + e.getMessage());
    }
    if (keys) {
      for (Object o : new JsonArray(text(res))) System.out.println(o);
      return 0;
    }
    JsonArray pairs = new JsonArray(text(res));
    for (int i = 0; i < pairs.size(); i++) {
      JsonObject pair = pairs.getJsonObject(i);
      if (detailed) {
        System.out.print(detailed(pair));
        if (recurse && i < pairs.size() - 1) System.out.println();
      } else {
        if (recurse) System.out.print(pair.getString("Key") + ":");
        System.out.write(value(pair));
        System.out.println();
      }
    }
    return 0;
  }

  /** The value as stored, or its base64 with {@code -base64}. */
  private byte[] value(JsonObject pair) {
    String encoded = pair.getString("Value");
    if (base64) return (encoded == null ? "" : encoded).getBytes(StandardCharsets.UTF_8);
    return encoded == null ? new byte[0] : Base64.getDecoder().decode(encoded);
  }

  private String detailed(JsonObject pair) {
    String session = pair.getString("Session", "");
    return new Columns(6).row("CreateIndex", pair.getValue("CreateIndex").toString())
        .row("Flags", Long.toUnsignedString(pair.getLong("Flags", 0L)))
        .row("Key", pair.getString("Key"))
        .row("LockIndex", pair.getValue("LockIndex").toString())
        .row("ModifyIndex", pair.getValue("ModifyIndex").toString())
        .row("Session", session.isEmpty() ? "-" : session)
        .row("Value", new String(value(pair), StandardCharsets.UTF_8)).format();
  }
}
