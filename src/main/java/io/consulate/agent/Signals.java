package io.consulate.agent;

import java.util.logging.Logger;

/**
 * SIGHUP for Consul's reload-on-hangup, SIGTERM and SIGINT for its shutdown rules; the JDK exposes them only
 * through {@code sun.misc.Signal}.
 */
final class Signals {
  private static final Logger LOG = Logger.getLogger(Signals.class.getName());

  private Signals() {}

  static void onHangup(Runnable action) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> action.run());
    } catch (IllegalArgumentException e) {
      LOG.warning("SIGHUP is not available on this platform; use PUT /v1/agent/reload");
    }
  }

  /** SIGTERM and SIGINT: {@code action} gets which one ("TERM" or "INT"), in place of the JVM's own exit. */
  static void onStop(java.util.function.Consumer<String> action) {
    for (String name : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> action.accept(sig.getName()));
    }
  }
}
