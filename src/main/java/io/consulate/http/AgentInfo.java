package io.consulate.http;

import io.consulate.cluster.Member;

/**
 * Facts about this agent that the agent and status endpoints report: its member record as it started
 * ({@code self}), and the version.
 */
public record AgentInfo(Member self, String version) {
  public String nodeName() {
    return self.name();
  }

  public String nodeId() {
    return self.nodeId();
  }

  public String datacenter() {
    return self.datacenter();
  }
}
