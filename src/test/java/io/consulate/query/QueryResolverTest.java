package io.consulate.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.consulate.kv.PreparedQuery;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which stored query answers a name or ID, as Consul's PreparedQueryResolve picks it. */
class QueryResolverTest {
  private static final String PLAIN_ID = "11111111-2222-3333-4444-555555555555";
  private static final String TEMPLATE_ID = "aaaaaaaa-2222-3333-4444-555555555555";

  private static PreparedQuery stored(String id, String json) {
    QueryDefinition d = QueryDefinition.parse(new JsonObject(json));
    return new PreparedQuery(id, d.name(), d.session(), d.template().isTemplate(), d.encode(), 1, 1);
  }

  private static final List<PreparedQuery> QUERIES = List.of(
      stored(PLAIN_ID, "{\"Name\":\"Web-Prod\",\"Service\":{\"Service\":\"web\"}}"),
      stored(TEMPLATE_ID, "{\"Name\":\"geo-\",\"Template\":{\"Type\":\"name_prefix_match\"},\"Service\":{\"Service\":\"${name.suffix}\"}}"),
      stored("bbbbbbbb-2222-3333-4444-555555555555",
          "{\"Name\":\"geo-db-\",\"Template\":{\"Type\":\"name_prefix_match\"},\"Service\":{\"Service\":\"db-${name.suffix}\"}}"),
      stored("cccccccc-2222-3333-4444-555555555555",
          "{\"Name\":\"\",\"Template\":{\"Type\":\"name_prefix_match\"},\"Service\":{\"Service\":\"${name.full}\"}}"));

  private static String service(String idOrName) {
    return QueryResolver.resolve(idOrName, QUERIES).definition().service().service();
  }

  @Test
  void byIdOrExactNameCaseInsensitively() {
    assertEquals("web", service(PLAIN_ID));
    assertEquals("web", service("web-prod"));
  }

  @Test
  void theLongestTemplatePrefixWinsAndTheEmptyOneCatchesTheRest() {
    assertEquals("cache", service("geo-cache"));
    assertEquals("db-users", service("geo-db-users"));
    assertEquals("anything", service("anything"));
  }

  @Test
  void aTemplateCannotBeResolvedById() {
    assertEquals("prepared query templates can only be resolved up by name, not by ID",
        assertThrows(QueryException.class, () -> QueryResolver.resolve(TEMPLATE_ID, QUERIES)).getMessage());
  }

  @Test
  void anUnknownIdGoesOnToNamesSoTheCatchAllAnswersIt() {
    assertEquals("99999999-2222-3333-4444-555555555555", service("99999999-2222-3333-4444-555555555555"));
  }

  @Test
  void unknownIsQueryNotFound() {
    assertThrows(QueryNotFoundException.class,
        () -> QueryResolver.resolve("99999999-2222-3333-4444-555555555555", QUERIES.subList(0, 3)));
    assertThrows(QueryNotFoundException.class, () -> QueryResolver.resolve("nope", QUERIES.subList(0, 2)));
  }
}
