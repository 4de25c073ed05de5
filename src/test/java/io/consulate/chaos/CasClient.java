package io.consulate.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Reads a register with {@code ?consistent} and often follows with a compare-and-set on the ModifyIndex it read,
 * writing a value no one wrote before ({@code p<process>-<n>}); the CAS records the value read as its expected
 * value, which is what {@link CasRegisterChecker} models.
 */
final class CasClient extends Client {
  private final List<String> keys;
  private int written;

  /** A successful read: the value (null: absent) and its ModifyIndex (0: absent, so a CAS creates the key). */
  private record Read(String value, long modifyIndex) {}

  CasClient(int process, String node, Workload.Shared shared, List<String> keys) {
    super(process, node, shared);
    this.keys = keys;
  }

  @Override
  boolean step() throws InterruptedException {
    String key = keys.get(random.nextInt(keys.size()));
    Read read = read(key);
    if (read == null) return false;
    if (random.nextInt(10) < 7) {
      String value = "p" + process + "-" + ++written;
      Write cas = write(Op.Kind.CAS, key, read.value(), value, "/v1/kv/" + key + "?cas=" + read.modifyIndex(), value);
      if (cas.op().outcome() == Op.Outcome.INFO) return false;
    }
    pause(5, 20);
    return true;
  }

  private Read read(String key) {
    String path = "/v1/kv/" + key + "?consistent";
    History.Pending p = history.invoke(process, node, Op.Kind.READ, key, null, null);
    try {
      ConsulHttp.Reply reply = http.get(node, path);
      history.index(process, node, path, false, reply.index(), p.invokeNanos());
      if (reply.status() == 404) {
        history.complete(p, Op.Outcome.OK, null, null);
        return new Read(null, 0);
      }
      if (!reply.ok()) {
        history.complete(p, ConsulHttp.outcomeOf(reply), null, ConsulHttp.error(reply));
        return null;
      }
      JsonObject entry = new JsonArray(reply.body()).getJsonObject(0);
      String encoded = entry.getString("Value");
      String value = encoded == null ? "" : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      history.complete(p, Op.Outcome.OK, value, null);
      return new Read(value, entry.getLong("ModifyIndex"));
    } catch (IOException e) {
      history.complete(p, ConsulHttp.outcomeOf(e), null, ConsulHttp.error(e));
      return null;
    } catch (InterruptedException e) {
      history.complete(p, Op.Outcome.INFO, null, "interrupted");
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
