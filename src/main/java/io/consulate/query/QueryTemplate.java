package io.consulate.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Consul's prepared query templates (agent/consul/prepared_query/template.go): a {@code name_prefix_match}
 * template answers every name starting with its own, and every string of its {@code Service} part is rendered
 * with HIL's {@code ${...}} against the name asked: {@code name.full}, {@code name.prefix}, {@code name.suffix},
 * {@code match(N)} (the template's {@code Regexp} applied to the full name) and {@code agent.segment}. {@code $${}
 * is a literal {@code ${}.
 */
public final class QueryTemplate {
  public static final String NAME_PREFIX_MATCH = "name_prefix_match";
  private static final Pattern MATCH = Pattern.compile("match\\(\\s*(-?\\d+)\\s*\\)");

  private QueryTemplate() {}

  /** Checks a template as Consul does when it is stored: its type, its regexp, and a test render of its own name. */
  static void compile(QueryDefinition d) {
    if (!d.template().type().equals(NAME_PREFIX_MATCH)) {
      throw new QueryException("failed compiling template: Bad Template.Type '" + d.template().type() + "'");
    }
    pattern(d);
    render(d, d.name());
  }

  /** The definition as it answers {@code fullName}. */
  public static QueryDefinition render(QueryDefinition d, String fullName) {
    if (!d.template().isTemplate()) return d;
    Pattern regexp = pattern(d);
    Matcher m = regexp == null ? null : regexp.matcher(fullName);
    boolean matched = m != null && m.find();
    String prefix = d.name();
    String suffix = fullName.startsWith(prefix) ? fullName.substring(prefix.length()) : fullName;
    QueryDefinition.Service rendered = d.service().mapStrings(s -> interpolate(s, fullName, prefix, suffix,
        matched ? m : null));
    if (d.template().removeEmptyTags()) {
      List<String> tags = new ArrayList<>();
      for (String t : rendered.tags()) if (!t.isEmpty()) tags.add(t);
      rendered = new QueryDefinition.Service(rendered.service(), rendered.nearestN(), rendered.datacenters(),
          rendered.onlyPassing(), rendered.ignoreCheckIds(), rendered.near(), tags, rendered.nodeMeta(),
          rendered.serviceMeta(), rendered.connect());
    }
    return d.withService(rendered);
  }

  private static Pattern pattern(QueryDefinition d) {
    if (d.template().regexp().isEmpty()) return null;
    try {
      return Pattern.compile(d.template().regexp());
    } catch (PatternSyntaxException e) {
      throw new QueryException("failed compiling template: Bad Regexp: " + e.getDescription());
    }
  }

  private static String interpolate(String s, String full, String prefix, String suffix, Matcher m) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      if (s.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (s.startsWith("${", i)) {
        int end = s.indexOf('}', i);
        if (end < 0) throw new QueryException("Bad format '" + s + "' in Service: unterminated ${");
        out.append(value(s.substring(i + 2, end).strip(), s, full, prefix, suffix, m));
        i = end + 1;
      } else {
        out.append(s.charAt(i++));
      }
    }
    return out.toString();
  }

  private static String value(String expr, String s, String full, String prefix, String suffix, Matcher m) {
    switch (expr) {
      case "name.full": return full;
      case "name.prefix": return prefix;
      case "name.suffix": return suffix;
      case "agent.segment": return "";
      default:
        Matcher call = MATCH.matcher(expr);
        if (!call.matches()) throw new QueryException("Bad format '" + s + "' in Service: unknown variable or function '" + expr + "'");
        int group = Integer.parseInt(call.group(1));
        if (m == null || group < 0 || group > m.groupCount() || m.group(group) == null) return "";
        return m.group(group);
    }
  }
}
