package io.consulate.cli;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code consulate kv put KEY [DATA]}: writes a value, DATA being literal, '-' for stdin or '@file'. */
@Command(name = "put", description = "Sets or updates data in the KV store.", mixinStandardHelpOptions = true)
final class KvPutCommand extends HttpCommand implements Callable<Integer> {
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
    String uri = KvCommand.path(key) + (query.length() > 0 ? "?" + query.substring(1) : "");
    HttpResponse<byte[]> res = exchange("PUT", uri, value());
    requireOk(res);
    if (!"true".equals(text(res).trim())) {
      return fail("Error! Did not write to " + key + ": " + (cas ? "CAS failed" : "lock not acquired or released"));
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
