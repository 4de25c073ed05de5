package io.consulate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Broken templates fail with the file, the line and the reason, at parse time where Go fails at parse time. */
class TemplateErrorTest {
  record Case(String name, String template, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> parseErrors() {
    return Stream.of(
        new Case("single closing brace", "upstream x {\n{{range service \"web\"}\n}\n", "in.ctmpl:2: unexpected \"}\" in command"),
        new Case("unknown function", "a\n\n{{ servce \"web\" }}", "in.ctmpl:3: function \"servce\" not defined"),
        new Case("missing end", "{{ if true }}\nx", "in.ctmpl:1: unexpected EOF: {{if}} has no {{end}}"),
        new Case("stray end", "x\n{{ end }}", "in.ctmpl:2: unexpected {{end}}"),
        new Case("undefined variable", "{{ $x }}", "in.ctmpl:1: undefined variable \"$x\""),
        new Case("variable out of scope", "{{ range $s := service \"web\" }}{{ end }}\n{{ $s }}", "in.ctmpl:2: undefined variable \"$s\""),
        new Case("unclosed action", "{{ service \"web\"", "in.ctmpl:1: unclosed action"),
        new Case("unterminated string", "{{ service \"web }}", "in.ctmpl:1: unterminated quoted string"),
        new Case("empty pipeline in if", "{{ if }}{{ end }}", "in.ctmpl:1: missing value for if"),
        new Case("unsupported define", "{{ define \"x\" }}{{ end }}", "in.ctmpl:1: {{define}} is not supported"));
  }

  static Stream<Case> executionErrors() {
    return Stream.of(
        new Case("unknown struct field", "\n{{ range service \"web\" }}{{ .Adress }}{{ end }}", "in.ctmpl:2: can't evaluate field Adress in type HealthService"),
        new Case("wrong argument count", "{{ keyOrDefault \"a\" }}", "in.ctmpl:1: error calling keyOrDefault: wrong number of args: want 2 got 1"),
        new Case("bad service name", "{{ service \"a.b.c\" }}", "in.ctmpl:1: error calling service: health.service: invalid format: \"a.b.c\""),
        new Case("argument to a non-function", "{{ \"x\" | .Name }}", "in.ctmpl:1: can't give argument to non-function .Name"),
        new Case("comparing a number with a string", "{{ eq 1 \"1\" }}", "in.ctmpl:1: error calling eq: incompatible types for comparison: int and string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseErrors")
  void failsToParse(Case c) {
    TemplateException e = assertThrows(TemplateException.class, () -> Template.parse("in.ctmpl", c.template()));
    assertEquals(c.message(), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("executionErrors")
  void failsToRender(Case c) {
    Template t = Template.parse("in.ctmpl", c.template());
    TemplateException e = assertThrows(TemplateException.class, () -> t.render(Fixtures.registry(), Map.of()));
    assertEquals(c.message(), e.getMessage());
  }
}
