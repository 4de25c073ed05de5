package io.consulate.chaos;

import io.vertx.core.json.JsonObject;
import java.io.IOException;

/**
 * Takes one lock key with its own session, holds it briefly and releases it. An acquire of unknown outcome may
 * have taken the lock, so the client releases then too, until the server answers, or others would wait forever.
 * Sessions have no health checks, no node checks and no lock delay: only this client ends them.
 */
final class LockClient extends Client {
  static final String KEY = "chaos/lock";
  private static final String SESSION = "{\"Name\":\"chaos\",\"Checks\":[],\"NodeChecks\":[],\"LockDelay\":\"0s\"}";
  private static final int FINISH_ATTEMPTS = 20;

  private String session;
  private boolean mayHold;

  LockClient(int process, String node, Workload.Shared shared) {
    super(process, node, shared);
  }

  @Override
  boolean step() throws InterruptedException {
    if (session == null && (session = createSession()) == null) return false;
    if (mayHold) return release();
    Write acquire = write(Op.Kind.ACQUIRE, KEY, null, session, "/v1/kv/" + KEY + "?acquire=" + session, "p" + process);
    if (acquire.replied("invalid session")) {
      session = null;
      return false;
    }
    if (acquire.op().outcome() == Op.Outcome.FAIL) {
      pause(5, 30);
      return acquire.reply() != null;
    }
    mayHold = true;
    if (acquire.op().ok()) pause(20, 80);
    return acquire.op().ok();
  }

  @Override
  void finish() throws InterruptedException {
    for (int i = 0; i < FINISH_ATTEMPTS && mayHold && session != null; i++) {
      if (!release()) Thread.sleep(100);
    }
  }

  /** True once the server answered: released, or not ours to release (false, or the session is gone). */
  private boolean release() throws InterruptedException {
    Write release = write(Op.Kind.RELEASE, KEY, null, session, "/v1/kv/" + KEY + "?release=" + session, "");
    if (release.replied("invalid session")) {
      session = null;
      mayHold = false;
      return false;
    }
    if (release.op().ok() || release.reply() != null && release.op().outcome() == Op.Outcome.FAIL) {
      mayHold = false;
      return true;
    }
    return false;
  }

  private String createSession() throws InterruptedException {
    gate.enter();
    try {
      History.Pending p = history.invoke(process, node, Op.Kind.SESSION, null, null, null);
      try {
        ConsulHttp.Reply reply = http.put(node, "/v1/session/create", SESSION);
        if (!reply.ok()) {
          history.complete(p, ConsulHttp.outcomeOf(reply), null, ConsulHttp.error(reply));
          return null;
        }
        String id = new JsonObject(reply.body()).getString("ID");
        history.complete(p, Op.Outcome.OK, id, null);
        return id;
      } catch (IOException e) {
        history.complete(p, ConsulHttp.outcomeOf(e), null, ConsulHttp.error(e));
        return null;
      }
    } finally {
      gate.exit();
    }
  }
}
