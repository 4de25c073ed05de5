package io.consulate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which client addresses keep the API on this host: a non-dev agent listening beyond it gets a warning. */
class AddressesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1 | true",
      "127.0.0.53 | true",
      "::1 | true",
      "[::1] | true",
      "localhost | true",
      "127.0.0.1 ::1 | true",
      "0.0.0.0 | false",
      ":: | false",
      "10.0.0.5 | false",
      "127.0.0.1 10.0.0.5 | false",
      "consul.example.com | false"})
  void loopbackOnly(String clientAddr, boolean expected) {
    assertEquals(expected, Addresses.loopbackOnly(clientAddr));
  }
}
