package io.consulate.json.filter;

import io.vertx.core.json.JsonObject;

/**
 * A Consul {@code ?filter=} expression, such as {@code ServiceMeta.env == "qa" and "primary" in ServiceTags},
 * ready to test the JSON objects an endpoint returns. Parse it once per request: an expression Consul would refuse
 * is a {@link FilterException} carrying bexpr's message, to be answered 400 after the prefix
 * {@code "Failed to create boolean expression evaluator: "}. Evaluation can refuse one too (an operator the
 * value's type does not support, a value that does not coerce to it), since only the data tells the types.
 */
public final class Filter {
  private final Expr root;

  private Filter(Expr root) {
    this.root = root;
  }

  /** The filter {@code expression} writes; an empty one is a syntax error, so callers skip filtering for it. */
  public static Filter parse(String expression) {
    return new Filter(Parser.parse(expression).validate());
  }

  /** Whether {@code value}, one element of an endpoint's answer, passes the filter. */
  public boolean matches(JsonObject value) {
    return root.test(value);
  }
}
