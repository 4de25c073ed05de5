package io.consulate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.consulate.catalog.HealthStatus;
import io.consulate.json.Fields;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Consul's defaults for service definitions and their embedded checks, from HTTP and file spellings. */
class DefinitionDecoderTest {
  record Case(String name, String json, String id, List<String> checkIds, HealthStatus firstStatus) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("ID defaults to Name", "{\"Name\":\"web\"}", "web", List.of(), null),
        new Case("file spelling with one check -> service:<id>",
            "{\"name\":\"test\",\"port\":9999,\"check\":{\"tcp\":\"127.0.0.1:9999\",\"interval\":\"10s\"}}",
            "test", List.of("service:test"), HealthStatus.CRITICAL),
        new Case("several checks -> service:<id>:<n>",
            "{\"ID\":\"w1\",\"Name\":\"web\",\"Checks\":[{\"TTL\":\"5s\"},{\"HTTP\":\"http://x/\",\"Interval\":\"1s\"}]}",
            "w1", List.of("service:w1:1", "service:w1:2"), HealthStatus.CRITICAL),
        new Case("explicit check id and initial status kept",
            "{\"Name\":\"web\",\"Check\":{\"CheckID\":\"mine\",\"TTL\":\"5s\",\"Status\":\"passing\"}}",
            "web", List.of("mine"), HealthStatus.PASSING));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void decodes(Case c) {
    ServiceDefinition d = DefinitionDecoder.service(Fields.parse(c.json()));
    assertEquals(c.id(), d.id());
    assertEquals(c.checkIds(), d.checks().stream().map(CheckSpec::id).toList());
    if (c.firstStatus() != null) assertEquals(c.firstStatus(), d.checks().get(0).status());
  }
}
