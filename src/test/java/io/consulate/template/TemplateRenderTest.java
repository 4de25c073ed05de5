package io.consulate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The renderer against consul-template's documented examples (docs/templating-language.md) and Go's rules. */
class TemplateRenderTest {
  record Case(String name, String template, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("the seed's nginx upstream", "upstream test-cluster { ip_hash; {{range service \"test\"}} server {{.Address}}:{{.Port}};{{end}} }",
            "upstream test-cluster { ip_hash;  server 127.0.0.1:8081; server 127.0.0.1:8082; }"),
        new Case("service: healthy instances, Address falls back to the node's",
            "{{ range service \"web\" }}\nserver {{ .Name }} {{ .Address }}:{{ .Port }}{{ end }}",
            "\nserver web 10.5.2.45:2492\nserver web 10.0.0.2:2904"),
        new Case("service fields", "{{ range service \"web\" }}{{ .ID }} {{ .Node }} {{ .NodeAddress }} {{ .Tags }} {{ .Status }};{{ end }}",
            "web-1 node1 10.0.0.1 [production release] passing;web-2 node2 10.0.0.2 [canary] passing;"),
        new Case("service \"tag.name\"", "{{ range service \"release.web\" }}{{ .ID }}{{ end }}", "web-1"),
        new Case("service with a status filter is filtered here", "{{ range service \"web|passing,warning\" }}{{ .ID }} {{ end }}", "web-1 web-2 "),
        new Case("service name and filter as two arguments", "{{ range service \"web\" \"any\" }}{{ .ID }} {{ end }}", "web-1 web-2 web-3 "),
        new Case("ServiceMeta map access", "{{ range service \"web\" }}[{{ .ServiceMeta.version }}]{{ end }}", "[1][<no value>]"),
        new Case("index on a meta map", "{{ range service \"web\" }}[{{ index .ServiceMeta \"version\" }}]{{ end }}", "[1][]"),
        new Case("services with tags joined", "{{ range services }}{{ .Name }}: {{ .Tags | join \",\" }}\n{{ end }}",
            "consul: \ndb: primary\nweb: canary,release\n"),
        new Case("nested range over services", "{{ range services }}{{ range service .Name }}{{ .ID }} {{ end }}{{ end }}", "db-1 web-1 web-2 "),
        new Case("key", "{{ key \"service/redis/maxconns\" }}", "15"),
        new Case("keyOrDefault with a value", "{{ keyOrDefault \"service/redis/maxconns\" \"5\" }}", "15"),
        new Case("keyOrDefault of an absent key", "{{ keyOrDefault \"service/redis/absent\" \"5\" }}", "5"),
        new Case("keyOrDefault of an empty key", "{{ keyOrDefault \"service/redis/empty\" \"5\" }}", "5"),
        new Case("keyExists", "{{ keyExists \"service/redis/maxconns\" }} {{ keyExists \"service/redis/absent\" }}", "true false"),
        new Case("ls: top-level keys only", "{{ range ls \"service/redis\" }}\n{{ .Key }}:{{ .Value }}{{ end }}", "\nmaxconns:15\nminconns:5"),
        new Case("tree: every key, no folders", "{{ range tree \"service/redis\" }}\n{{ .Key }} {{ .Value }}{{ end }}",
            "\nmaxconns 15\nminconns 5\nnested/config/value \"value\""),
        new Case("ls of an absent prefix", "[{{ range ls \"nothing/here\" }}x{{ else }}empty{{ end }}]", "[empty]"),
        new Case("node: the agent's own", "{{ with node }}{{ .Node.Address }}{{ range .Services }} {{ .Service }}:{{ .Port }}{{ end }}{{ end }}",
            "10.5.2.6 db:5432 web:2492"),
        new Case("node: unknown is nil", "{{ with node \"ghost\" }}found{{ else }}none{{ end }}", "none"),
        new Case("nodes in name order", "{{ range nodes }}\n{{ .Node }} {{ .Address }}{{ end }}", "\nnode1 10.4.2.13\nnode2 10.46.2.5"),
        new Case("nodes: Meta map", "{{ range nodes }}{{ .Meta.os }};{{ end }}", "linux;<no value>;"),
        new Case("env piped to toLower", "{{ env \"CLUSTER_ID\" | toLower }}", "east-1"),
        new Case("or with env default", "{{ or (env \"UNSET\") \"12345\" }}", "12345"),
        new Case("contains via pipe", "{{ range service \"web\" }}{{ if .Tags | contains \"production\" }}{{ .ID }}{{ end }}{{ end }}", "web-1"),
        new Case("in", "{{ range service \"web\" }}{{ if in .Tags \"canary\" }}{{ .ID }}{{ end }}{{ end }}", "web-2"),
        new Case("trim markers", "upstream {\n{{- range service \"web\" }}\n  server {{ .Address }}:{{ .Port }};\n{{- end }}\n}",
            "upstream {\n  server 10.5.2.45:2492;\n  server 10.0.0.2:2904;\n}"),
        new Case("trim on both sides", "a  {{- \"b\" -}}  c", "abc"),
        new Case("comment", "a{{/* nothing */}}b{{- /* trimmed */ -}} c", "abc"),
        new Case("printf", "{{ range service \"web\" }}{{ printf \"%s:%d \" .Address .Port }}{{ end }}", "10.5.2.45:2492 10.0.0.2:2904 "),
        new Case("printf padding, %q and %v", "{{ printf \"%05d|%-4s|%q|%v\" 42 \"ab\" \"x\" true }}", "00042|ab  |\"x\"|true"),
        new Case("toJSON of a map and escaping", "{{ range service \"release.web\" }}{{ .ServiceMeta | toJSON }}{{ end }} {{ \"<a&b>\" | toJSON }}",
            "{\"version\":\"1\"} \"\\u003ca\\u0026b\\u003e\""),
        new Case("toUpper and toLower", "{{ \"MiXed\" | toUpper }} {{ toLower \"MiXed\" }}", "MIXED mixed"),
        new Case("variables and range index", "{{ range $i, $s := service \"web\" }}{{ $i }}={{ $s.ID }} {{ end }}", "0=web-1 1=web-2 "),
        new Case("variable assignment", "{{ $n := \"a\" }}{{ $n = \"b\" }}{{ $n }}", "b"),
        new Case("range over a map with key and value", "{{ range $tag, $list := service \"web\" | byTag }}{{ $tag }}={{ len $list }} {{ end }}",
            "canary=1 production=1 release=1 "),
        new Case("if / else if / else", "{{ range $i, $s := service \"web\" }}{{ if eq $i 0 }}first{{ else if eq $s.ID \"web-2\" }},second{{ else }}other{{ end }}{{ end }}",
            "first,second"),
        new Case("with sets dot, else when empty", "{{ with service \"db\" }}{{ len . }}{{ end }}{{ with service \"\" }}x{{ else }}-{{ end }}", "1-"),
        new Case("and/or short-circuit", "{{ $e := service \"\" }}{{ if and $e (index $e 0) }}x{{ else }}safe{{ end }}", "safe"),
        new Case("comparisons", "{{ lt 1 2 }} {{ ge 2.5 2.5 }} {{ ne \"a\" \"b\" }} {{ eq 3 1 2 3 }} {{ not true }}", "true true true true false"),
        new Case("len and parenthesised pipeline", "{{ len (service \"web\") }} {{ (index (service \"web\") 1).ID }}", "2 web-2"),
        new Case("split, join, replaceAll, trimSpace", "{{ \" a,b \" | trimSpace | split \",\" | join \"+\" }} {{ \"a.b\" | replaceAll \".\" \"_\" }}", "a+b a_b"),
        new Case("print of a list and numbers", "{{ print 1 2 \"x\" }} {{ 1.5 }} {{ 0x10 }}", "1 2x 1.5 16"),
        new Case("range over an integer", "{{ range $i := 3 }}{{ $i }}{{ end }}", "012"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void renders(Case c) {
    Rendered r = Template.parse("t.ctmpl", c.template()).render(Fixtures.registry(), Map.of("CLUSTER_ID", "EAST-1"));
    assertEquals(c.expected(), r.text());
    assertTrue(r.complete(), "all data present, yet missing " + r.missing());
  }
}
