package io.consulate.json.filter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One match, {@code selector operator value}, evaluated as bexpr v0.1.2's evaluate.go does with JSON types for the
 * Go types Consul filters:
 * <ul>
 *   <li>The selector walks objects by key. A missing key or a null (Go's nil map, slice or pointer) is absent:
 *   nothing equals it, is in it or is matched by it, and it is empty ({@link Operator#absent}). Consul knows its
 *   structs and refuses an unknown field when the filter is created ({@code Selector "Foo" is not valid}); JSON
 *   cannot tell a struct's missing field from a map's missing key, so every object is taken as a map.</li>
 *   <li>Through a list the walk continues into each element and the match holds if it holds for any of them
 *   ({@code Checks.Status == critical}); an empty list matches nothing, whatever the operator.</li>
 *   <li>At the end, the operators of the "Supported Operations" tables of Consul's API docs: a string supports
 *   {@code ==} (the raw text), {@code in} (substring) and {@code matches} (a regular expression found anywhere),
 *   but not {@code is empty} ({@code == ""} says it). A number or boolean supports {@code ==} only, after
 *   coercing the raw value to its type as Go's strconv would (so {@code Port == "80"} and {@code Enabled == t}
 *   hold). A list supports {@code in} (an element equal to the value, coerced to that element's type) and
 *   {@code is empty}; an object supports {@code in} (key present) and {@code is empty}.</li>
 * </ul>
 * What Consul refuses at creation, for want of a type to check against here, is refused when met: a FilterException
 * with bexpr's message ({@code Invalid match operator "Equal" for selector "ServiceTags"}, {@code Failed to coerce
 * value ...}, {@code Selector "ServiceName.x" is not valid}).
 *
 * @param value the raw value, null for {@code is empty}
 * @param regex the compiled value of {@code matches}, null before {@link #validate} and for the other operators
 */
record Match(List<String> selector, Operator op, String value, Pattern regex) implements Expr {
  @Override
  public Expr validate() {
    boolean matches = op.positive() == Operator.MATCHES;
    return matches ? new Match(selector, op, value, GoRegex.compile(value)) : this;
  }

  @Override
  public boolean test(JsonObject element) {
    return walk(element, 0);
  }

  private boolean walk(Object node, int depth) {
    if (node == null) return op.absent();
    if (depth == selector.size()) return op.apply(holds(node));
    if (node instanceof JsonObject o) return walk(o.getValue(selector.get(depth)), depth + 1);
    if (node instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        if (walk(a.getValue(i), depth)) return true;
      }
      return false;
    }
    throw new FilterException("Selector " + GoString.quote(path(depth + 1)) + " is not valid");
  }

  /** Whether the positive form of the operator holds for the value at the end of the selector. */
  private boolean holds(Object node) {
    return switch (op.positive()) {
      case EQUAL -> equal(node);
      case IN -> contains(node);
      case IS_EMPTY -> empty(node);
      default -> node instanceof String s ? GoRegex.find(regex, value, s) : invalidOperator();
    };
  }

  private boolean equal(Object node) {
    if (node instanceof String s) return s.equals(value);
    if (node instanceof Boolean b) return b.booleanValue() == coerced(() -> GoNumbers.parseBool(value));
    if (node instanceof Integer || node instanceof Long || node instanceof Short || node instanceof Byte
        || node instanceof BigInteger) {
      return ((Number) node).longValue() == coerced(() -> GoNumbers.parseInt(value));
    }
    if (node instanceof Number n) return n.doubleValue() == coerced(() -> GoNumbers.parseFloat(value));
    return invalidOperator();
  }

  private boolean contains(Object node) {
    if (node instanceof String s) return s.contains(value);
    if (node instanceof JsonObject o) return o.containsKey(value);
    if (!(node instanceof JsonArray a)) return invalidOperator();
    for (int i = 0; i < a.size(); i++) {
      Object element = a.getValue(i);
      if (element != null && equal(element)) return true;
    }
    return false;
  }

  private boolean empty(Object node) {
    if (node instanceof JsonObject o) return o.isEmpty();
    if (node instanceof JsonArray a) return a.isEmpty();
    return invalidOperator();
  }

  private boolean invalidOperator() {
    throw new FilterException("Invalid match operator " + GoString.quote(op.goName) + " for selector "
        + GoString.quote(path(selector.size())));
  }

  private <T> T coerced(Supplier<T> coercion) {
    try {
      return coercion.get();
    } catch (IllegalArgumentException e) {
      throw new FilterException("Failed to coerce value " + GoString.quote(value) + " for selector "
          + GoString.quote(path(selector.size())) + ": " + e.getMessage());
    }
  }

  /** The first {@code n} names of the selector as bexpr prints a selector: joined with dots. */
  private String path(int n) {
    return String.join(".", selector.subList(0, n));
  }
}
