package io.consulate.agent;

import java.util.logging.Logger;

/** SIGHUP, for Consul's reload-on-hangup; the JDK exposes it only through {@code sun.misc.Signal}. */
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
}
