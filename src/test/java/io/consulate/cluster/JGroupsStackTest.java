package io.consulate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Join addresses in Consul's forms become JGroups' TCPPING hosts; the stack is filled in per agent. */
class JGroupsStackTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"10.0.0.1, 10.0.0.1[8301]", "10.0.0.1:9301, 10.0.0.1[9301]", "node-a.example, node-a.example[8301]",
      "'[::1]:9301', '::1[9301]'", "'[fe80::1]', 'fe80::1[8301]'"})
  void joinAddresses(String address, String hostPort) {
    assertEquals(hostPort, JGroupsStack.hostPort(address));
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"10.0.0.1:x", "10.0.0.1:0", ":8301", "10.0.0.1:70000"})
  void badJoinAddresses(String address) {
    assertThrows(IllegalArgumentException.class, () -> JGroupsStack.hostPort(address));
  }

  @Test
  void theStackBindsTheSerfAddressAndListsItselfAndTheJoinAddresses() {
    ClusterSettings s = new ClusterSettings(true, "127.0.0.1", 9301, List.of("127.0.0.1:9302", "127.0.0.1:9301"), 3,
        Duration.ofHours(72));
    String xml = JGroupsStack.render(s);
    assertTrue(xml.contains("bind_addr=\"127.0.0.1\"") && xml.contains("bind_port=\"9301\""), xml);
    assertTrue(xml.contains("initial_hosts=\"127.0.0.1[9301],127.0.0.1[9302]\""), xml);
    assertTrue(!xml.matches("(?s).*@[A-Z_]+@.*"), "every token is filled in");
  }
}
