package io.consulate.chaos;

import java.io.IOException;

/**
 * Registers services {@code r-<process>-<n>} of {@code chaos-reg} on an external node, and after each one reads
 * the service list with {@code ?stale} for its index: the stale reads the index checker watches.
 */
final class RegisterClient extends Client {
  static final String SERVICE = "chaos-reg";
  private static final String STALE_READ = "/v1/catalog/services?stale";
  private int registered;

  RegisterClient(int process, String node, Workload.Shared shared) {
    super(process, node, shared);
  }

  @Override
  boolean step() throws InterruptedException {
    String id = "r-" + process + "-" + ++registered;
    String body = "{\"Node\":\"chaos-ext\",\"Address\":\"10.0.0.1\",\"Service\":{\"ID\":\"" + id + "\",\"Service\":\""
        + SERVICE + "\",\"Port\":1}}";
    Write register = write(Op.Kind.REGISTER, null, null, id, "/v1/catalog/register", body);
    long invoke = history.now();
    try {
      ConsulHttp.Reply reply = http.get(node, STALE_READ);
      history.index(process, node, STALE_READ, true, reply.index(), invoke);
    } catch (IOException e) {
      // Only the index matters here; a failed read has none.
    }
    pause(60, 140);
    return register.op().ok();
  }
}
