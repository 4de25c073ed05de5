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
        Duration.ofHours(72), GossipKey.NONE);
    String xml = JGroupsStack.render(s);
    assertTrue(xml.contains("bind_addr=\"127.0.0.1\"") && xml.contains("bind_port=\"9301\""), xml);
    assertTrue(xml.contains("initial_hosts=\"127.0.0.1[9301],127.0.0.1[9302]\""), xml);
    assertTrue(!xml.matches("(?s).*@[A-Z_]+@.*"), "every token is filled in");
    assertTrue(!xml.contains("Keyed"), "no key, no join check or encryption: " + xml);
  }

  @Test
  void withAKeyEveryStackChecksJoinsThenEncryptsRightBelowNakack2AndNamesTheKeyOnlyById() {
    String key = "pUqJrVyVRj5jsiYEkM/tFQ==";
    GossipKey k = GossipKey.parse(key);
    String lan = JGroupsStack.render(new ClusterSettings(true, "127.0.0.1", 9301, List.of(), 0, Duration.ofHours(72), k));
    String raft = RaftStack.render(new RaftSettings("s1", List.of("s1", "s2"), "127.0.0.1", 9300, List.of("127.0.0.1:9310"),
        null, false, k));
    for (String xml : List.of(lan, raft)) {
      String stack = xml.replaceAll("(?s)<!--.*?-->", "");
      int auth = stack.indexOf("<io.consulate.cluster.KeyedAuth");
      int encrypt = stack.indexOf("<io.consulate.cluster.KeyedEncrypt");
      int nakack = stack.indexOf("<pbcast.NAKACK2");
      assertTrue(auth > stack.indexOf("<VERIFY_SUSPECT2") && auth < encrypt, stack);
      assertTrue(stack.substring(encrypt, nakack).matches("(?s)<io.consulate.cluster.KeyedEncrypt[^<]*/>\\s*"), stack);
      assertTrue(!stack.contains(key) && !stack.contains("pUqJ"), "the key is never in the stack's text");
    }
  }
}
