package io.consulate.json.filter;

/**
 * bexpr's match operators, each negative one the negation of the positive one before it. {@code contains} is
 * {@code in} with its operands swapped. The names are bexpr's, as its error messages print them.
 */
enum Operator {
  EQUAL("Equal"),
  NOT_EQUAL("Not Equal"),
  IN("In"),
  NOT_IN("Not In"),
  IS_EMPTY("Is Empty"),
  IS_NOT_EMPTY("Is Not Empty"),
  MATCHES("Matches"),
  NOT_MATCHES("Not Matches");

  final String goName;

  Operator(String goName) {
    this.goName = goName;
  }

  boolean negative() {
    return ordinal() % 2 == 1;
  }

  /** The operator this one negates, or itself. */
  Operator positive() {
    return negative() ? values()[ordinal() - 1] : this;
  }

  /** This operator's answer where the positive one answers {@code holds}. */
  boolean apply(boolean holds) {
    return holds != negative();
  }

  /**
   * The answer for a missing map key or a null: nothing is equal to it, in it or matched by it, and it is
   * empty (bexpr's NotPresentDisposition). bexpr v0.1.2 answered true for {@code matches} too, a bug later
   * versions fixed; we follow the fix.
   */
  boolean absent() {
    return apply(positive() == IS_EMPTY);
  }
}
