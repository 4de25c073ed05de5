package io.consulate.json.filter;

import io.vertx.core.json.JsonObject;

/** A parsed filter expression: matches combined with and, or and not, which short-circuit as in bexpr. */
sealed interface Expr permits Expr.And, Expr.Or, Expr.Not, Match {
  boolean test(JsonObject value);

  /** This expression with bexpr's checks that need no data done: its regular expressions compiled. */
  Expr validate();

  record And(Expr left, Expr right) implements Expr {
    @Override
    public boolean test(JsonObject value) {
      return left.test(value) && right.test(value);
    }

    @Override
    public Expr validate() {
      return new And(left.validate(), right.validate());
    }
  }

  record Or(Expr left, Expr right) implements Expr {
    @Override
    public boolean test(JsonObject value) {
      return left.test(value) || right.test(value);
    }

    @Override
    public Expr validate() {
      return new Or(left.validate(), right.validate());
    }
  }

  record Not(Expr operand) implements Expr {
    @Override
    public boolean test(JsonObject value) {
      return !operand.test(value);
    }

    @Override
    public Expr validate() {
      return new Not(operand.validate());
    }
  }
}
