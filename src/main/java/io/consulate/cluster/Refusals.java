package io.consulate.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The one-line warnings of a refused join or link (a node with a wrong or missing {@code encrypt} key). A refused
 * node keeps retrying, so each distinct line is logged at most once every 30 s.
 */
final class Refusals {
  static final String REASON = "wrong or missing encrypt key";
  private static final Logger LOG = Logger.getLogger(Refusals.class.getName());
  private static final long EVERY_MILLIS = 30_000;
  private static final Map<String, Long> LOGGED = new ConcurrentHashMap<>();

  private Refusals() {}

  static void warn(String line) {
    long now = System.currentTimeMillis();
    Long last = LOGGED.put(line, now);
    if (last != null && now - last < EVERY_MILLIS) {
      LOGGED.put(line, last);
      return;
    }
    LOG.warning(line);
  }
}
