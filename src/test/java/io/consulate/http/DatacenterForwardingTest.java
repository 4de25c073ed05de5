package io.consulate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What another agent may have answered here: Consul's datacenter-routed endpoints and this build's internal ones,
 * never the agent's own (a forwarded leave, reload or script-check registration would be remote control).
 */
class DatacenterForwardingTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/v1/kv/app/color?dc=dc2, true",
      "/v1/health/service/web?dc=dc2&index=5&wait=30s, true",
      "/v1/catalog/datacenters, true",
      "/v1/query/web-q/execute, true",
      "/v1/status/leader?dc=dc2, true",
      "/v1/internal/consulate/dns-entries/service/web?stale, true",
      "/v1/agent/leave, false",
      "/v1/agent/service/register, false",
      "/v1/agent/reload, false",
      "/v1/acl/bootstrap, true",
      "/v1/agent/token/default, false",
      "/ui/, false"})
  void servable(String uri, boolean expected) {
    assertEquals(expected, DatacenterForwarding.servable(uri));
  }
}
