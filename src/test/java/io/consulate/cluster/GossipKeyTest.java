package io.consulate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code encrypt} key: Consul's checks and messages, and a key that never prints. */
class GossipKeyTest {
  @ParameterizedTest(name = "encrypt \"{0}\" -> {1}")
  @CsvSource(delimiter = '|', value = {
      "pUqJrVyVRj5jsiYEkM/tFQ==|accepted",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA|accepted",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=|accepted",
      "not a key!|encrypt has invalid key: illegal base64 data",
      "AAAAAAAAAAA=|encrypt has invalid key: key size must be 16, 24 or 32 bytes, not 8"})
  void keysAreCheckedAsConsulChecksThem(String key, String outcome) {
    if (outcome.equals("accepted")) assertTrue(GossipKey.parse(key).enabled());
    else assertEquals(outcome, assertThrows(IllegalArgumentException.class, () -> GossipKey.parse(key)).getMessage());
  }

  @Test
  void aKeyNeverPrintsAndEachPurposeGetsAKeyOfItsOwn() {
    GossipKey k = GossipKey.parse("pUqJrVyVRj5jsiYEkM/tFQ==");
    assertEquals("<hidden>", k.toString());
    assertEquals(32, k.derive("gossip encryption v1").length);
    assertTrue(!java.util.Arrays.equals(k.derive("gossip encryption v1"), k.derive("join token v1")));
    assertTrue(java.util.Arrays.equals(k.derive("join token v1"),
        GossipKey.parse("pUqJrVyVRj5jsiYEkM/tFQ==").derive("join token v1")), "the same on every node");
  }
}
