package io.consulate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Multi-phase rendering: what a render reports as used and missing, and the requests dependencies make. */
class TemplateDependencyTest {
  @Test
  void firstPassWithoutDataDiscoversDependenciesAndIsIncomplete() {
    Rendered r = Template.parse("t", "{{ range service \"web\" }}x{{ end }}{{ keyOrDefault \"a/b\" \"d\" }}").render(Map.of(), Map.of());
    assertEquals("d", r.text());
    assertFalse(r.complete());
    assertEquals(Set.of(Dependency.Service.parse("web"), Dependency.Key.parse("a/b")), r.missing());
  }

  @Test
  void anAbsentKeyHoldsTheTemplateBackButKeyOrDefaultDoesNot() {
    Map<Dependency, Object> data = Map.of(Dependency.Key.parse("a"), Decoders.absent(Dependency.Key.parse("a")));
    assertFalse(Template.parse("t", "{{ key \"a\" }}").render(data, Map.of()).complete());
    assertTrue(Template.parse("t", "{{ keyOrDefault \"a\" \"x\" }}").render(data, Map.of()).complete());
  }

  @Test
  void dependenciesDiscoveredInsideLoopsAreUsed() {
    Rendered r = Template.parse("t", "{{ range services }}{{ range service .Name }}{{ end }}{{ end }}").render(Fixtures.registry(), Map.of());
    assertTrue(r.used().containsAll(List.of(Dependency.Services.parse(""), Dependency.Service.parse("web"), Dependency.Service.parse("db"))));
  }

  @Test
  void requestPaths() {
    assertEquals("/v1/health/service/web?passing", Dependency.Service.parse("web").path());
    assertEquals("/v1/health/service/web?passing&tag=release&dc=dc2", Dependency.Service.parse("release.web@dc2").path());
    assertEquals("/v1/health/service/web", Dependency.Service.parse("web|any").path());
    assertEquals("/v1/catalog/services?dc=dc2", Dependency.Services.parse("@dc2").path());
    assertEquals("/v1/catalog/nodes", Dependency.Nodes.parse("").path());
    assertEquals("/v1/catalog/node/n1", Dependency.CatalogNode.parse("n1").path());
    assertEquals("/v1/kv/app/greeting", Dependency.Key.parse("app/greeting").path());
    assertEquals("/v1/kv/a%20b/c?dc=dc2", Dependency.Key.parse("/a b/c@dc2").path());
    assertEquals("/v1/kv/service/redis?recurse", Dependency.KeyPrefix.parse("service/redis").path());
  }
}
