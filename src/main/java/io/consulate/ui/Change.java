package io.consulate.ui;

import io.consulate.acl.Authorizer;
import io.vertx.core.json.JsonObject;

/**
 * One entry of the recent-changes feed: a registration, a deregistration or a health transition, with the
 * catalog index that made it. {@code seq} orders the feed; a tab asks for what came after the last it saw.
 */
record Change(long seq, long index, long timeMillis, String kind, String node, String service, String serviceId,
    String check, String from, String to) {

  /** Whether a token may hear of it: a service's change as its instances are read, a node's as the node. */
  boolean visibleTo(Authorizer a) {
    boolean nodeVisible = node == null || a.nodeRead(node);
    return service == null || service.isEmpty() ? nodeVisible : nodeVisible && a.serviceRead(service);
  }

  JsonObject toJson() {
    return new JsonObject().put("Seq", seq).put("Index", index).put("Time", timeMillis).put("Kind", kind)
        .put("Node", node).put("Service", service).put("ServiceID", serviceId).put("Check", check)
        .put("From", from).put("To", to);
  }
}
