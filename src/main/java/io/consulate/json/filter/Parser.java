package io.consulate.json.filter;

import io.consulate.json.filter.Peg.Rule;
import java.util.List;

/**
 * The expression rules of bexpr's grammar.peg (v0.1.2), one method each, trying alternatives in the grammar's
 * order so that a syntax error is reported where and as Consul reports it. The comments quote the rules.
 * Keywords are lower case only: {@code AND} is not {@code and}.
 */
final class Parser {
  private final Peg in;
  private final Terms terms;

  private Parser(String expression) {
    in = new Peg(expression);
    terms = new Terms(in);
  }

  /** The expression's tree, or the error Consul's parser reports. */
  static Expr parse(String expression) {
    Parser parser = new Parser(expression);
    return parser.in.finish(parser.input());
  }

  /** {@code Input <- _? "(" _? OrExpression _? ")" _? EOF / _? OrExpression _? EOF} */
  private Expr input() {
    int start = in.pos;
    terms.optWs();
    if (in.lit("(")) {
      terms.optWs();
      Expr e = or();
      if (e != null && words("_?", ")", "_?") && terms.eof()) return e;
    }
    in.pos = start;
    terms.optWs();
    Expr e = or();
    if (e != null && words("_?") && terms.eof()) return e;
    in.pos = start;
    return null;
  }

  /** {@code OrExpression <- AndExpression _ "or" _ OrExpression / AndExpression} */
  private Expr or() {
    return in.memo(Rule.OR, () -> {
      int start = in.pos;
      Expr left = and();
      if (left != null && words("_", "or", "_")) {
        Expr right = or();
        if (right != null) return new Expr.Or(left, right);
      }
      in.pos = start;
      return and();
    });
  }

  /** {@code AndExpression <- NotExpression _ "and" _ AndExpression / NotExpression} */
  private Expr and() {
    return in.memo(Rule.AND, () -> {
      int start = in.pos;
      Expr left = not();
      if (left != null && words("_", "and", "_")) {
        Expr right = and();
        if (right != null) return new Expr.And(left, right);
      }
      in.pos = start;
      return not();
    });
  }

  /** {@code NotExpression <- "not" _ NotExpression / ParenthesizedExpression} */
  private Expr not() {
    return in.memo(Rule.NOT, () -> {
      int start = in.pos;
      if (words("not", "_")) {
        Expr operand = not();
        if (operand != null) return new Expr.Not(operand);
      }
      in.pos = start;
      return grouping();
    });
  }

  /**
   * {@code ParenthesizedExpression "grouping" <- "(" _? OrExpression _? ")" / MatchExpression
   * / "(" _? OrExpression _? !")" &{Unmatched parentheses}}
   */
  private Expr grouping() {
    return in.memo(Rule.GROUPING, () -> {
      int start = in.pos;
      if (words("(", "_?")) {
        Expr e = or();
        if (e != null && words("_?", ")")) return e;
      }
      in.pos = start;
      Expr match = match();
      if (match != null) return match;
      if (words("(", "_?") && or() != null && words("_?") && in.not(() -> in.lit(")"))) {
        in.error("grouping", in.pos, "Unmatched parentheses");
      }
      in.pos = start;
      return null;
    });
  }

  /** {@code MatchExpression "match" <- MatchSelectorOpValue / MatchSelectorOp / MatchValueOpSelector} */
  private Expr match() {
    Expr e = selectorOpValue();
    if (e == null) e = selectorOp();
    if (e == null) e = valueOpSelector();
    return e;
  }

  /**
   * {@code MatchSelectorOpValue <- Selector (MatchEqual / MatchNotEqual / MatchContains / MatchNotContains
   * / MatchMatches / MatchNotMatches) Value}
   */
  private Expr selectorOpValue() {
    int start = in.pos;
    List<String> selector = terms.selector();
    if (selector != null) {
      Operator op = words("_?", "==", "_?") ? Operator.EQUAL
          : words("_?", "!=", "_?") ? Operator.NOT_EQUAL
          : words("_", "contains", "_") ? Operator.IN
          : words("_", "not", "_", "contains", "_") ? Operator.NOT_IN
          : words("_", "matches", "_") ? Operator.MATCHES
          : words("_", "not", "_", "matches", "_") ? Operator.NOT_MATCHES
          : null;
      String value = op == null ? null : terms.value();
      if (value != null) return new Match(selector, op, value, null);
    }
    in.pos = start;
    return null;
  }

  /** {@code MatchSelectorOp <- Selector (MatchIsEmpty / MatchIsNotEmpty)} */
  private Expr selectorOp() {
    int start = in.pos;
    List<String> selector = terms.selector();
    if (selector != null) {
      if (words("_", "is", "_", "empty")) return new Match(selector, Operator.IS_EMPTY, null, null);
      if (words("_", "is", "_", "not", "_", "empty")) return new Match(selector, Operator.IS_NOT_EMPTY, null, null);
    }
    in.pos = start;
    return null;
  }

  /**
   * {@code MatchValueOpSelector <- Value (MatchIn / MatchNotIn) Selector
   * / Value (MatchIn / MatchNotIn) !Selector &{Invalid selector}}
   */
  private Expr valueOpSelector() {
    int start = in.pos;
    String value = terms.value();
    Operator op = value == null ? null : in();
    List<String> selector = op == null ? null : terms.selector();
    if (selector != null) return new Match(selector, op, value, null);
    in.pos = start;
    if (terms.value() != null && in() != null && in.not(() -> terms.selector() != null)) {
      in.error("match", in.pos, "Invalid selector");
    }
    in.pos = start;
    return null;
  }

  /** {@code MatchIn <- _ "in" _}, {@code MatchNotIn <- _ "not" _ "in" _} */
  private Operator in() {
    if (words("_", "in", "_")) return Operator.IN;
    if (words("_", "not", "_", "in", "_")) return Operator.NOT_IN;
    return null;
  }

  /** A sequence written as in grammar.peg: {@code "_"} is whitespace, {@code "_?"} optional whitespace. */
  private boolean words(String... sequence) {
    int start = in.pos;
    for (String s : sequence) {
      boolean ok = switch (s) {
        case "_" -> terms.ws();
        case "_?" -> {
          terms.optWs();
          yield true;
        }
        default -> in.lit(s);
      };
      if (!ok) {
        in.pos = start;
        return false;
      }
    }
    return true;
  }
}
