package io.consulate.http;

/**
 * Facts about this agent that the agent and status endpoints report. {@code serverAddress} is Consul's
 * RPC address ("ip:8300"), what {@code /v1/status/leader} names.
 */
public record AgentInfo(String nodeName, String nodeId, String datacenter, String advertiseAddr, String serverAddress,
    int serfLanPort, String version) {}
