package io.consulate.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Consul's template examples (api-docs/query.mdx, "Prepared Query Templates") and its compile-time refusals. */
class QueryTemplateTest {
  private static QueryDefinition template(String json) {
    return QueryDefinition.parse(new JsonObject(json));
  }

  @Test
  void theDocsGeoFailoverTemplateTakesTheServiceFromTheNameSuffix() {
    QueryDefinition t = template("""
        {"Name":"geo-db","Template":{"Type":"name_prefix_match","Regexp":"^geo-db-(.*?)-([^\\\\-]+?)$"},
         "Service":{"Service":"mysql-${match(1)}","Tags":["${match(2)}"],"Failover":{"NearestN":3,"Datacenters":["dc1","dc2"]}}}""");
    QueryDefinition r = QueryTemplate.render(t, "geo-db-customer-primary");
    assertEquals("mysql-customer", r.service().service());
    assertEquals(List.of("primary"), r.service().tags());
    assertEquals(List.of("dc1", "dc2"), r.service().datacenters());
  }

  @Test
  void nameVariables() {
    QueryDefinition t = template("""
        {"Name":"geo-","Template":{"Type":"name_prefix_match"},
         "Service":{"Service":"${name.suffix}","Near":"${name.prefix}","Tags":["${name.full}","$${literal}"],
                    "NodeMeta":{"${name.suffix}":"${name.suffix}"}}}""");
    QueryDefinition r = QueryTemplate.render(t, "geo-web");
    assertEquals("web", r.service().service());
    assertEquals("geo-", r.service().near());
    assertEquals(List.of("geo-web", "${literal}"), r.service().tags());
    assertEquals(Map.of("${name.suffix}", "web"), r.service().nodeMeta(), "values are rendered, keys are not");
  }

  @Test
  void aMatchGroupThatDidNotMatchIsEmptyAndRemoveEmptyTagsDropsIt() {
    QueryDefinition t = template("""
        {"Name":"x-","Template":{"Type":"name_prefix_match","Regexp":"^x-(a)?(b)?$","RemoveEmptyTags":true},
         "Service":{"Service":"svc","Tags":["${match(1)}","${match(2)}","${match(7)}"]}}""");
    assertEquals(List.of("b"), QueryTemplate.render(t, "x-b").service().tags());
  }

  @Test
  void consulRefusesOnlyWhatItCannotCompile() {
    QueryException type = assertThrows(QueryException.class,
        () -> template("{\"Name\":\"a\",\"Template\":{\"Type\":\"regexp\"},\"Service\":{\"Service\":\"s\"}}"));
    assertEquals("failed compiling template: Bad Template.Type 'regexp'", type.getMessage());
    QueryException regexp = assertThrows(QueryException.class,
        () -> template("{\"Name\":\"a\",\"Template\":{\"Type\":\"name_prefix_match\",\"Regexp\":\"(\"},\"Service\":{\"Service\":\"s\"}}"));
    assertEquals(true, regexp.getMessage().startsWith("failed compiling template: Bad Regexp: "), regexp.getMessage());
    QueryException variable = assertThrows(QueryException.class,
        () -> template("{\"Name\":\"a\",\"Template\":{\"Type\":\"name_prefix_match\"},\"Service\":{\"Service\":\"${nope}\"}}"));
    assertEquals(true, variable.getMessage().startsWith("Bad format '${nope}' in Service"), variable.getMessage());
  }

  @Test
  void aPlainQueryIsNotRendered() {
    QueryDefinition q = template("{\"Name\":\"q\",\"Service\":{\"Service\":\"${name.full}\"}}");
    assertEquals("${name.full}", QueryTemplate.render(q, "q").service().service());
  }
}
