package io.consulate.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.consulate.json.JsonFieldException;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Consul's parseQuery refusals, word for word, and the stored form read back unchanged. */
class QueryDefinitionTest {
  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("{\"Service\":{\"Service\":\"web\"}}", "Invalid prepared query: Must be bound to a session"),
        Arguments.of("{\"Name\":\"q\"}", "Invalid prepared query: Must provide a Service name to query"),
        Arguments.of("{\"Name\":\"q\",\"Token\":\"<hidden>\",\"Service\":{\"Service\":\"web\"}}",
            "Invalid prepared query: Bad Token '<hidden>', it looks like a query definition with a redacted token was submitted"),
        Arguments.of("{\"Name\":\"q\",\"Service\":{\"Service\":\"web\",\"Failover\":{\"NearestN\":-1}}}",
            "Invalid prepared query: Bad NearestN '-1', must be >= 0"),
        Arguments.of("{\"Name\":\"q\",\"Service\":{\"Service\":\"web\",\"Failover\":{\"NearestN\":1,\"Targets\":[{\"Datacenter\":\"dc2\"}]}}}",
            "Invalid prepared query: Targets cannot be populated with NearestN or Datacenters"),
        Arguments.of("{\"Name\":\"q\",\"Service\":{\"Service\":\"web\"},\"DNS\":{\"TTL\":\"-5s\"}}",
            "Invalid prepared query: Bad DNS TTL '-5s', must be >=0"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void refused(String json, String message) {
    assertEquals(message, assertThrows(QueryException.class, () -> QueryDefinition.parse(new JsonObject(json))).getMessage());
  }

  @org.junit.jupiter.api.Test
  void aFieldOfTheWrongTypeIsADecodeError() {
    assertThrows(JsonFieldException.class, () -> QueryDefinition.parse(new JsonObject("{\"Name\":\"q\",\"Service\":{\"Service\":5}}")));
  }

  @org.junit.jupiter.api.Test
  void theStoredFormReadsBackTheSameDefinition() {
    QueryDefinition d = QueryDefinition.parse(new JsonObject("""
        {"Name":"q","Session":"","Token":"t","Service":{"Service":"web","OnlyPassing":true,"Near":"_agent",
         "Tags":["v1","!canary"],"NodeMeta":{"rack":"r1"},"ServiceMeta":{"env":"prod"},"IgnoreCheckIDs":["c1"],
         "Failover":{"NearestN":2,"Datacenters":["dc2","dc3"]}},"DNS":{"TTL":"10s"}}"""));
    assertEquals(d, QueryDefinition.decode(d.encode()));
    JsonObject shown = d.toJson("id-1", 5, 6, false);
    assertEquals("<hidden>", shown.getString("Token"));
    assertEquals(5, shown.getLong("CreateIndex"));
    assertEquals("10s", shown.getJsonObject("DNS").getString("TTL"));
  }
}
