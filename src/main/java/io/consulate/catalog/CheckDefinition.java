package io.consulate.catalog;

import java.util.List;
import java.util.Map;

/**
 * What a check runs and how often, with Consul's {@code Definition} fields. Durations are kept as the
 * user wrote them ("10s") so the API echoes them back unchanged; the health runner parses them.
 */
public record CheckDefinition(
    String http,
    String method,
    Map<String, List<String>> header,
    String body,
    boolean tlsSkipVerify,
    String tcp,
    String udp,
    String grpc,
    boolean grpcUseTls,
    List<String> args,
    String ttl,
    String aliasNode,
    String aliasService,
    String interval,
    String timeout,
    String deregisterCriticalServiceAfter,
    int successBeforePassing,
    int failuresBeforeWarning,
    int failuresBeforeCritical) {

  public static final CheckDefinition NONE = new CheckDefinition("", "", Map.of(), "", false, "", "", "", false,
      List.of(), "", "", "", "", "", "", 0, 0, 0);

  public CheckDefinition {
    if (successBeforePassing < 0 || failuresBeforeWarning < 0 || failuresBeforeCritical < 0) {
      throw new IllegalArgumentException("SuccessBeforePassing, FailuresBeforeWarning and FailuresBeforeCritical must not be negative");
    }
    header = Map.copyOf(header);
    args = List.copyOf(args);
  }

  /** Consul's {@code Type} field, derived from which target is set. */
  public String type() {
    if (!http.isEmpty()) return "http";
    if (!tcp.isEmpty()) return "tcp";
    if (!udp.isEmpty()) return "udp";
    if (!grpc.isEmpty()) return "grpc";
    if (!args.isEmpty()) return "script";
    if (!ttl.isEmpty()) return "ttl";
    if (!aliasNode.isEmpty() || !aliasService.isEmpty()) return "alias";
    return "";
  }
}
