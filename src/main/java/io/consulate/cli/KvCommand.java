package io.consulate.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code consulate kv get|put|delete}: Consul's KV commands, same arguments and messages. */
@Command(name = "kv", description = "Read and write the KV store.", mixinStandardHelpOptions = true,
    subcommands = {KvCommand.Get.class, KvCommand.Put.class, KvCommand.Delete.class})
public final class KvCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** The key as a URL path under /v1/kv/, each segment percent-encoded. */
  static String path(String key) {
    StringBuilder out = new StringBuilder("/v1/kv/");
    String[] parts = key.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) out.append('/');
      out.append(URLEncoder.encode(parts[i], StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }

  static String text(HttpResponse<byte[]> res) {
    return new String(res.body(), StandardCharsets.UTF_8);
  }

  static void requireOk(HttpResponse<byte[]> res) throws IOException {
    if (res.statusCode() / 100 != 2) {
      throw new IOException("Unexpected response code: " + res.statusCode() + " (" + text(res).trim() + ")");
    }
  }

  @Command(name = "get", description = "Print a key's value, or a prefix's keys and values.", mixinStandardHelpOptions = true)
  static final class Get extends HttpCommand implements Callable<Integer> {
    @Parameters(index = "0", defaultValue = "", paramLabel = "KEY_OR_PREFIX")
    String key;
    @Option(names = "-recurse", description = "Print every key under the prefix as key:value.")
    boolean recurse;
    @Option(names = "-keys", description = "List the keys under the prefix instead of values.")
    boolean keys;
    @Option(names = "-separator", defaultValue = "/", description = "With -keys, fold keys at this string (default /).")
    String separator;

    @Override
    public Integer call() throws Exception {
      String query = keys ? "?keys&separator=" + URLEncoder.encode(separator, StandardCharsets.UTF_8)
          : recurse ? "?recurse" : "";
      HttpResponse<byte[]> res = exchange("GET", path(key) + query, null);
      if (res.statusCode() == 404) {
        if (keys || recurse) return 0;
        System.err.println("Error! No key exists at: " + key);
        return 1;
      }
      requireOk(res);
      if (keys) {
        for (Object k : new JsonArray(text(res))) System.out.println(k);
      } else {
        for (Object o : new JsonArray(text(res))) {
          JsonObject e = (JsonObject) o;
          String v = e.getString("Value");
          String value = v == null ? "" : new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
          System.out.println(recurse ? e.getString("Key") + ":" + value : value);
        }
      }
      return 0;
    }
  }

  @Command(name = "put", description = "Write a value: DATA, '-' for stdin or '@file'.", mixinStandardHelpOptions = true)
  static final class Put extends HttpCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KEY")
    String key;
    @Parameters(index = "1", arity = "0..1", paramLabel = "DATA")
    String data;
    @Option(names = "-flags", description = "Unsigned integer flags stored with the key.")
    Long flags;
    @Option(names = "-cas", description = "Check-and-set against -modify-index (0 = only if absent).")
    boolean cas;
    @Option(names = "-modify-index", defaultValue = "0", description = "The ModifyIndex -cas compares with.")
    long modifyIndex;
    @Option(names = "-acquire", description = "Acquire the lock on the key for -session.")
    boolean acquire;
    @Option(names = "-release", description = "Release the lock on the key held by -session.")
    boolean release;
    @Option(names = "-session", description = "The session for -acquire or -release.")
    String session;

    @Override
    public Integer call() throws Exception {
      StringBuilder query = new StringBuilder();
      if (flags != null) query.append("&flags=").append(Long.toUnsignedString(flags));
      if (cas) query.append("&cas=").append(modifyIndex);
      if (acquire) query.append("&acquire=").append(session);
      if (release) query.append("&release=").append(session);
      String uri = path(key) + (query.length() > 0 ? "?" + query.substring(1) : "");
      HttpResponse<byte[]> res = exchange("PUT", uri, value());
      requireOk(res);
      if (!"true".equals(text(res).trim())) {
        System.err.println("Error! Did not write to " + key + ": " + (cas ? "CAS failed" : "lock not acquired or released"));
        return 1;
      }
      System.out.println("Success! Data written to: " + key);
      return 0;
    }

    private byte[] value() throws IOException {
      if (data == null) return new byte[0];
      if (data.equals("-")) return System.in.readAllBytes();
      if (data.startsWith("@")) return Files.readAllBytes(Path.of(data.substring(1)));
      return data.getBytes(StandardCharsets.UTF_8);
    }
  }

  @Command(name = "delete", description = "Delete a key, or every key under a prefix.", mixinStandardHelpOptions = true)
  static final class Delete extends HttpCommand implements Callable<Integer> {
    @Parameters(index = "0", defaultValue = "", paramLabel = "KEY_OR_PREFIX")
    String key;
    @Option(names = "-recurse", description = "Delete every key under the prefix.")
    boolean recurse;

    @Override
    public Integer call() throws Exception {
      requireOk(exchange("DELETE", path(key) + (recurse ? "?recurse" : ""), null));
      System.out.println(recurse ? "Success! Deleted keys with prefix: " + key : "Success! Deleted key: " + key);
      return 0;
    }
  }
}
