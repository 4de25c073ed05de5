package io.consulate.template;

/** One lexical item of a template, with the line it starts on (for error messages). */
record Token(Kind kind, String text, int line) {
  enum Kind {
    TEXT, LEFT, RIGHT, IDENT, FIELD, VARIABLE, DOT, STRING, NUMBER, BOOL, NIL, PIPE, LPAREN, RPAREN,
    DECLARE, ASSIGN, COMMA, KEYWORD, CHAIN, EOF
  }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }
}
