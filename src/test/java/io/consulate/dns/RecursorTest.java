package io.consulate.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecursorTest {

  record Case(String name, String entry, List<InetSocketAddress> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("IPv4 gets port 53", "192.0.2.53", List.of(new InetSocketAddress("192.0.2.53", 53))),
        new Case("IPv4 with port", "192.0.2.53:5353", List.of(new InetSocketAddress("192.0.2.53", 5353))),
        new Case("bare IPv6 gets port 53", "2001:db8::53", List.of(new InetSocketAddress("2001:db8::53", 53))),
        new Case("bracketed IPv6 with port", "[2001:db8::53]:5353",
            List.of(new InetSocketAddress("2001:db8::53", 5353))),
        new Case("hostname is skipped (no lookups on the DNS path)", "dns.example.com", List.of()),
        new Case("bad port is skipped", "192.0.2.53:99999", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsesRecursorAddresses(Case c) {
    assertEquals(c.expected(), Recursor.addresses(List.of(c.entry())));
  }
}
