package io.consulate.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code consulate kv import DATA}: writes the pairs of a {@code kv export} (DATA literal, '@file' or '-' for
 * stdin), one "Imported: key" line each, stopping at the first failure as Consul does.
 */
@Command(name = "import", description = "Imports a tree stored as JSON to the KV store.",
    mixinStandardHelpOptions = true)
final class KvImportCommand extends HttpCommand implements Callable<Integer> {
  @Option(names = "-prefix", defaultValue = "", description = "Key prefix for imported data (default: the root).")
  String prefix;

  @Parameters(arity = "0..*", paramLabel = "DATA")
  List<String> args = List.of();

  @Override
  public Integer call() throws Exception {
    if (args.isEmpty()) return fail("Error! Missing DATA argument");
    if (args.size() > 1) return fail("Error! Too many arguments (expected 1, got " + args.size() + ")");
    String data = args.get(0);
    if (data.isEmpty()) return fail("Error! Empty DATA argument");
    JsonArray entries;
    try {
      entries = new JsonArray(DataSource.read(data));
    } catch (IOException e) {
      return fail("Error! " + e.getMessage());
    } catch (DecodeException | ClassCastException e) {
      return fail("Cannot unmarshal data: " + e.getMessage());
    }
    for (Object o : entries) {
      JsonObject entry = (JsonObject) o;
      String key = key(entry.getString("key", ""));
      byte[] value;
      try {
        value = Base64.getDecoder().decode(entry.getString("value", ""));
      } catch (IllegalArgumentException e) {
        return fail("Error base 64 decoding value for key " + entry.getString("key") + ": " + e.getMessage());
      }
      Object flags = entry.getValue("flags", 0);
      String path = KvCommand.path(key) + "?flags=" + new BigInteger(flags.toString());
      HttpResponse<byte[]> res = exchange("PUT", path, value);
      if (res.statusCode() / 100 != 2) {
        return fail("Error! Failed writing data for key " + key + ": Unexpected response code: " + res.statusCode()
            + " (" + text(res).trim() + ")");
      }
      System.out.println("Imported: " + key);
    }
    return 0;
  }

  /** The entry's key under {@code -prefix}, joined by one "/". */
  private String key(String entryKey) {
    if (prefix.isEmpty()) return entryKey;
    String p = prefix.endsWith("/") ? prefix : prefix + "/";
    return p + (entryKey.startsWith("/") ? entryKey.substring(1) : entryKey);
  }
}
