package io.consulate.json.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filters run over the example responses of Consul's API docs (api-docs/features/filtering.mdx: agent services,
 * catalog service, health node; api-docs/health.mdx: health service), and the errors Consul's parser (bexpr
 * v0.1.2) gives, the first ones exactly as bexpr's own grammar_test.go expects them.
 */
class FilterTest {
  /** Each data set's elements, and the field naming an element in the tables. */
  private static final Map<String, List<JsonObject>> DATA = Map.of(
      "agent", load("agent-services.json"),
      "catalog", load("catalog-service.json"),
      "health-node", load("health-node.json"),
      "health-service", load("health-service.json"));

  /** data set | expression | the elements it keeps ("-" for none); the first of each set is the docs' example. */
  private static final String EXAMPLES = """
      agent          | Meta.env == "qa"                                         | redis3
      agent          | Meta.env == qa                                           | redis3
      agent          | Meta["env"] == production                                | redis1 redis2
      agent          | Meta[ `env` ] != "production"                            | redis3
      agent          | Meta.foo == bar                                          | redis1 redis2
      agent          | Meta.foo != bar                                          | redis3
      agent          | Meta.missing is empty                                    | redis1 redis2 redis3
      agent          | Meta.missing matches ".*"                                | -
      agent          | Meta.missing not matches ".*"                            | redis1 redis2 redis3
      agent          | Meta contains foo                                        | redis1 redis2
      agent          | foo not in Meta                                          | redis3
      agent          | Meta is not empty                                        | redis1 redis2 redis3
      agent          | "primary" in Tags                                        | redis1 redis3
      agent          | "qa" not in Tags                                         | redis1 redis2
      agent          | Tags not contains qa                                     | redis1 redis2
      agent          | Tags is empty                                            | -
      agent          | Tags contains production and not Tags contains primary   | redis2
      agent          | Port == 1234                                             | redis1 redis3
      agent          | Port != 1234                                             | redis2
      agent          | Port == "0x4d3"                                          | redis2
      agent          | Port == "1_234"                                          | redis1 redis3
      agent          | EnableTagOverride == false                               | redis1 redis2 redis3
      agent          | EnableTagOverride == T                                   | -
      agent          | Weights.Passing == 1 and Weights.Warning != 2            | redis1 redis2 redis3
      agent          | Address == ""                                            | redis1 redis2 redis3
      agent          | ID matches "[23]$"                                       | redis2 redis3
      agent          | ID not matches "1"                                       | redis2 redis3
      agent          | "dis" in Service                                         | redis1 redis2 redis3
      agent          | Service contains "x"                                     | -
      agent          | Service == `redis`                                       | redis1 redis2 redis3
      agent          | Service == `re\\dis`                                     | -
      agent          | Service == "\\x72edis"                                   | redis1 redis2 redis3
      agent          | Service == "\\u0072edis"                                 | redis1 redis2 redis3
      agent          | Service == "\\162edis"                                   | redis1 redis2 redis3
      agent          | Port == 1235 and not Tags contains qa or ID == redis3    | redis2 redis3
      agent          | (Port == 1235 and (not Tags contains qa)) or ID == redis3 | redis2 redis3
      agent          | Port == 1235 and not (Tags contains qa or ID == redis3)  | redis2
      agent          | ID == redis1 or ID == redis2 and Port == 1234            | redis1
      agent          | not not ID == redis1                                     | redis1
      agent          | ( ID == redis1 )                                         | redis1
      catalog        | NodeMeta.os == "linux"                                   | node-2
      catalog        | NodeMeta.arch == i386                                    | node-1 node-4
      catalog        | NodeMeta.agent == true                                   | node-1
      catalog        | NodeMeta.agent != "true"                                 | node-2 node-4
      catalog        | agent in NodeMeta                                        | node-1
      catalog        | ServiceTags is empty                                     | node-4
      catalog        | ServiceTags is not empty                                 | node-1 node-2
      catalog        | ServiceTags contains tag                                 | node-1 node-2
      catalog        | test in ServiceTags                                      | node-2
      catalog        | ServiceMeta.environment == qa                            | node-1 node-4
      catalog        | ServiceMeta["environment"] != qa                         | node-2
      catalog        | TaggedAddresses is empty                                 | node-1 node-2 node-4
      catalog        | TaggedAddresses.lan == x                                 | -
      catalog        | TaggedAddresses.lan != x                                 | node-1 node-2 node-4
      catalog        | lan in TaggedAddresses                                   | -
      catalog        | ServicePort == 9090 and ServiceWeights.Warning == 1      | node-1 node-2 node-4
      catalog        | CreateIndex == 29 or ModifyIndex == 28                   | node-2 node-4
      catalog        | Address matches `^198\\.18\\.0\\.[12]$`                  | node-1 node-2
      catalog        | Address matches "^198\\\\.18\\\\.0\\\\.4$"               | node-4
      catalog        | NodeMeta.os matches "^(?P<os>[dl][a-z]+)$"               | node-1 node-2
      catalog        | ServiceProxy is empty                                    | node-1 node-2 node-4
      catalog        | Node == "node-4"                                         | node-4
      catalog        | ServiceKind == "" and ServiceEnableTagOverride != true   | node-1 node-2 node-4
      catalog        | Datacenter == dc1 and NodeMeta.arch != arm and ServiceTags contains tag | node-1
      health-node    | ServiceName != ""                                        | svc-web-health
      health-node    | ServiceName == ""                                        | node-health
      health-node    | Status == critical or Status == warning                  | node-health svc-web-health
      health-node    | Name contains web                                        | svc-web-health
      health-node    | "crit" in Status                                         | node-health
      health-node    | Definition is empty and ServiceTags is empty             | node-health svc-web-health
      health-service | Checks.CheckID == serfHealth                             | foobar
      health-service | Checks.Status == passing                                 | foobar
      health-service | Checks.Status != passing                                 | -
      health-service | Checks.ServiceTags contains primary                      | foobar
      health-service | Checks.ServiceName == ""                                 | foobar
      health-service | Checks.Notes matches "."                                 | -
      health-service | Checks is not empty                                      | foobar
      health-service | Service.TaggedAddresses.wan.port == 80                   | foobar
      health-service | Service.TaggedAddresses.lan.address == "10.1.10.12"      | foobar
      health-service | Node.TaggedAddresses.lan == "10.1.10.12"                 | foobar
      health-service | Node.Meta.instance_type == "t2.medium"                   | foobar
      health-service | Service.Meta.redis_version == 4.0                        | foobar
      health-service | Service.Weights.Passing == 10                            | foobar
      health-service | primary in Service.Tags                                  | foobar
      health-service | Node["Meta"][`instance_type`] matches "^t2\\\\."         | foobar
      """;

  private static List<JsonObject> load(String name) {
    try (InputStream in = FilterTest.class.getResourceAsStream(name)) {
      Object json = Json.decodeValue(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      List<JsonObject> out = new ArrayList<>();
      if (json instanceof JsonObject map) map.forEach(e -> out.add((JsonObject) e.getValue()));
      else ((JsonArray) json).forEach(e -> out.add((JsonObject) e));
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How the tables name an element: its ID, check ID or node name. */
  private static String name(JsonObject element) {
    if (element.getValue("Node") instanceof JsonObject node) return node.getString("Node");
    if (element.containsKey("CheckID")) return element.getString("CheckID");
    return element.getString(element.containsKey("Service") ? "ID" : "Node");
  }

  static Stream<Arguments> examples() {
    return EXAMPLES.lines().map(line -> line.split("\\|")).map(cells -> Arguments.of(cells[0].strip(),
        cells[1].strip(), cells[2].strip()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("examples")
  void keepsTheElementsConsulKeeps(String data, String expression, String kept) {
    Filter filter = Filter.parse(expression);
    String actual = DATA.get(data).stream().filter(filter::matches).map(FilterTest::name)
        .collect(Collectors.joining(" "));
    assertEquals(kept, actual.isEmpty() ? "-" : actual);
  }

  static Stream<Arguments> syntaxErrors() {
    return Stream.of(
        // bexpr v0.1.2 grammar_test.go
        Arguments.of("foo == \"12x", "1:12 (11): rule \"string\": Unterminated string literal"),
        Arguments.of("foo == `12x", "1:12 (11): rule \"string\": Unterminated string literal"),
        Arguments.of("foo == 3x", "1:9 (8): rule \"number\": Invalid number literal"),
        Arguments.of("foo[3] == abc", "1:5 (4): rule \"index\": Invalid index"),
        Arguments.of("x in foo[\"abc\"", "1:15 (14): rule \"index\": Unclosed index expression"),
        Arguments.of("foo[\"abc\" == 3", "1:11 (10): rule \"index\": Unclosed index expression"),
        Arguments.of("x in 32", "1:6 (5): rule \"match\": Invalid selector"),
        Arguments.of("32 == 32", "1:4 (3): no match found, expected: \"in\", \"not\" or [ \\t\\r\\n]"),
        Arguments.of("32 is empty", "1:4 (3): no match found, expected: \"in\", \"not\" or [ \\t\\r\\n]"),
        Arguments.of("x in foo abc", "1:10 (9): no match found, expected: \"and\", \"or\", [ \\t\\r\\n] or EOF"),
        Arguments.of("x in foo and ", "1:14 (13): no match found, expected: " + START),
        Arguments.of("x in foo or ", "1:13 (12): no match found, expected: " + START),
        Arguments.of("x in foo or not ", "1:17 (16): no match found, expected: \"!=\", \"(\", \"-\", \"0\", \"==\", "
            + "\"\\\"\", \"`\", \"contains\", \"in\", \"is\", \"matches\", \"not\", [ \\t\\r\\n], [1-9] or [a-zA-Z]"),
        Arguments.of("(foo == 4", "1:10 (9): rule \"grouping\": Unmatched parentheses"),
        // ours, worked out from the grammar
        Arguments.of("", "1:1 (0): no match found, expected: " + START),
        Arguments.of("Port == 1 AND Port == 2",
            "1:11 (10): no match found, expected: \"and\", \"or\", [ \\t\\r\\n] or EOF"),
        Arguments.of("NOT ID == redis1", "1:5 (4): no match found, expected: \"!=\", \"==\", \"contains\", \"in\", "
            + "\"is\", \"matches\", \"not\" or [ \\t\\r\\n]"),
        Arguments.of("\"/ServiceMeta/env\" == qa",
            "1:20 (19): no match found, expected: \"in\", \"not\" or [ \\t\\r\\n]"),
        Arguments.of("Name == \"é\" and", "1:16 (16): no match found, expected: [ \\t\\r\\n]"),
        Arguments.of("Name == x\nor", "2:3 (12): no match found, expected: [ \\t\\r\\n]"),
        Arguments.of("Name == \"a\\\"b\"", "1:9 (8): rule \"string\": invalid syntax\n"
            + "1:13 (12): rule \"value\": interface conversion: interface {} is nil, not string"),
        Arguments.of("Meta[\"\\q\"] == x", "1:6 (5): rule \"string\": invalid syntax\n"
            + "1:11 (10): rule \"selector\": interface conversion: interface {} is nil, not string"));
  }

  /** What may start an expression, as pigeon lists it. */
  private static final String START =
      "\"(\", \"-\", \"0\", \"\\\"\", \"`\", \"not\", [ \\t\\r\\n], [1-9] or [a-zA-Z]";

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("syntaxErrors")
  void refusesSyntaxAsConsulDoes(String expression, String message) {
    assertEquals(message, assertThrows(FilterException.class, () -> Filter.parse(expression)).getMessage());
  }

  static Stream<Arguments> evaluationErrors() {
    return Stream.of(
        Arguments.of("agent", "Tags == primary", "Invalid match operator \"Equal\" for selector \"Tags\""),
        Arguments.of("agent", "Meta != x", "Invalid match operator \"Not Equal\" for selector \"Meta\""),
        Arguments.of("agent", "Port contains 1", "Invalid match operator \"In\" for selector \"Port\""),
        Arguments.of("agent", "Port is empty", "Invalid match operator \"Is Empty\" for selector \"Port\""),
        Arguments.of("agent", "Service is not empty",
            "Invalid match operator \"Is Not Empty\" for selector \"Service\""),
        Arguments.of("agent", "Weights matches \"1\"", "Invalid match operator \"Matches\" for selector \"Weights\""),
        Arguments.of("health-service", "Checks contains x", "Invalid match operator \"In\" for selector \"Checks\""),
        Arguments.of("agent", "Port == abc",
            "Failed to coerce value \"abc\" for selector \"Port\": strconv.ParseInt: parsing \"abc\": invalid syntax"),
        Arguments.of("agent", "Port == 1.5",
            "Failed to coerce value \"1.5\" for selector \"Port\": strconv.ParseInt: parsing \"1.5\": invalid syntax"),
        Arguments.of("agent", "Port == 99999999999999999999", "Failed to coerce value \"99999999999999999999\" "
            + "for selector \"Port\": strconv.ParseInt: parsing \"99999999999999999999\": value out of range"),
        Arguments.of("agent", "EnableTagOverride == yes", "Failed to coerce value \"yes\" for selector "
            + "\"EnableTagOverride\": strconv.ParseBool: parsing \"yes\": invalid syntax"),
        Arguments.of("agent", "Service.Name == redis", "Selector \"Service.Name\" is not valid"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("evaluationErrors")
  void refusesWhatTheTypesDoNotSupport(String data, String expression, String message) {
    Filter filter = Filter.parse(expression);
    FilterException e = assertThrows(FilterException.class, () -> DATA.get(data).forEach(filter::matches));
    assertEquals(message, e.getMessage());
  }

  /** Numbers and booleans JSON can hold, and the raw values Go's strconv turns into them or refuses. */
  private static final JsonObject TYPED = new JsonObject().put("Int", -16).put("Big", Long.MAX_VALUE)
      .put("Float", 1.5).put("Bool", true);

  static Stream<Arguments> coercions() {
    return Stream.of(
        Arguments.of("Int == -16", true), Arguments.of("Int == 16", false), Arguments.of("Int == \"-0x10\"", true),
        Arguments.of("Int == \"-0o20\"", true), Arguments.of("Int == \"-020\"", true),
        Arguments.of("Int == \"-0b1_0000\"", true), Arguments.of("Big == 9223372036854775807", true),
        Arguments.of("Float == 1.5", true), Arguments.of("Float == \"1_5e-1\"", true),
        Arguments.of("Float == \".15E1\"", true), Arguments.of("Float == 2", false),
        Arguments.of("Bool == 1", true), Arguments.of("Bool == False", false), Arguments.of("Bool != f", true),
        Arguments.of("Int == \"0x\"", "strconv.ParseInt: parsing \"0x\": invalid syntax"),
        Arguments.of("Int == \"_16\"", "strconv.ParseInt: parsing \"_16\": invalid syntax"),
        Arguments.of("Big == 9223372036854775808",
            "strconv.ParseInt: parsing \"9223372036854775808\": value out of range"),
        Arguments.of("Float == \"1__5\"", "strconv.ParseFloat: parsing \"1__5\": invalid syntax"),
        Arguments.of("Float == \"1e999\"", "strconv.ParseFloat: parsing \"1e999\": value out of range"),
        Arguments.of("Bool == yes", "strconv.ParseBool: parsing \"yes\": invalid syntax"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("coercions")
  void coercesTheValueAsGoDoes(String expression, Object outcome) {
    Filter filter = Filter.parse(expression);
    if (outcome instanceof Boolean matches) {
      assertEquals(matches, filter.matches(TYPED));
    } else {
      String message = assertThrows(FilterException.class, () -> filter.matches(TYPED)).getMessage();
      assertTrue(message.startsWith("Failed to coerce value ") && message.endsWith(": " + outcome), message);
    }
  }

  @Test
  void refusesABadRegularExpressionWhenParsed() {
    FilterException e = assertThrows(FilterException.class, () -> Filter.parse("Service matches \"(\""));
    assertTrue(e.getMessage().startsWith("Failed to compile regular expression \"(\": error parsing regexp: "),
        e.getMessage());
  }

  @Test
  void stopsARegularExpressionThatBacktracksForever() {
    Filter filter = Filter.parse("ID matches \"(x+x+)+y\"");
    JsonObject hostile = new JsonObject().put("ID", "x".repeat(2000));
    FilterException e = assertThrows(FilterException.class, () -> filter.matches(hostile));
    assertEquals("Regular expression \"(x+x+)+y\" is too costly to match; simplify it", e.getMessage());
  }

  @Test
  void parsesNestedParenthesesInLinearTime() {
    String nested = "(".repeat(60) + "ID == redis1" + ")".repeat(60);
    Filter filter = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Filter.parse(nested));
    assertEquals(List.of("redis1"), DATA.get("agent").stream().filter(filter::matches).map(FilterTest::name).toList());
  }

  @Test
  void refusesNestingThatWouldExhaustTheStack() {
    String nested = "(".repeat(5000) + "ID == redis1" + ")".repeat(5000);
    FilterException e = assertThrows(FilterException.class, () -> Filter.parse(nested));
    assertTrue(e.getMessage().endsWith(": expression nested too deeply"), e.getMessage());
  }

  @Test
  void anEmptyListMatchesNothingWhateverTheOperator() {
    JsonObject entry = new JsonObject().put("Checks", new JsonArray());
    for (String expression : List.of("Checks.Status == passing", "Checks.Status != passing",
        "Checks.ServiceTags is empty", "x not in Checks.ServiceTags")) {
      assertEquals(false, Filter.parse(expression).matches(entry), expression);
    }
  }
}
