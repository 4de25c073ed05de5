package io.consulate.local;

import io.consulate.catalog.Weights;
import java.util.List;
import java.util.Map;

/** A service as registered with this agent, with its checks; {@code id} defaults to {@code name}. */
public record ServiceDefinition(String id, String name, List<String> tags, String address, int port,
    Map<String, String> meta, Weights weights, boolean enableTagOverride, List<CheckSpec> checks) {

  public ServiceDefinition {
    tags = List.copyOf(tags);
    meta = Map.copyOf(meta);
    checks = List.copyOf(checks);
  }
}
