package io.consulate.json.filter;

import io.consulate.json.filter.Peg.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The lexical rules of bexpr's grammar.peg (v0.1.2), one method each, trying alternatives in the grammar's order:
 * selectors, values, numbers, strings, whitespace. Each answers null (or false) where its rule fails, having put
 * the position back. The comments quote the rules.
 */
final class Terms {
  private static final IntPredicate LETTER = c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  private static final IntPredicate WORD = LETTER.or(c -> c >= '0' && c <= '9' || c == '_');
  private static final IntPredicate DIGIT = c -> c >= '0' && c <= '9';
  private static final IntPredicate NONZERO = c -> c >= '1' && c <= '9';
  private static final IntPredicate SPACE = c -> c == ' ' || c == '\t' || c == '\r' || c == '\n';

  private final Peg in;

  /** A matched string literal: {@code value} is null where Go could not unquote it. */
  private record Str(String value) {}

  Terms(Peg in) {
    this.in = in;
  }

  /** {@code _ "whitespace" <- [ \t\r\n]+} */
  boolean ws() {
    if (!in.cls("[ \\t\\r\\n]", SPACE)) return false;
    while (in.cls("[ \\t\\r\\n]", SPACE)) {
      // all of it
    }
    return true;
  }

  /** {@code _?} */
  void optWs() {
    ws();
  }

  /** {@code EOF <- !.} */
  boolean eof() {
    return in.not(in::any);
  }

  /**
   * {@code Selector "selector" <- Identifier SelectorOrIndex*}: the path's names; an index whose string did not
   * unquote makes bexpr's action panic.
   */
  List<String> selector() {
    return in.memo(Rule.SELECTOR, () -> {
      String first = identifier();
      if (first == null) return null;
      List<String> path = new ArrayList<>(List.of(first));
      boolean unquoted = true;
      for (Str part = selectorOrIndex(); part != null; part = selectorOrIndex()) {
        path.add(part.value());
        unquoted &= part.value() != null;
      }
      if (!unquoted) throw in.panic("selector");
      return List.copyOf(path);
    });
  }

  /** {@code Identifier <- [a-zA-Z] [a-zA-Z0-9_]*} */
  private String identifier() {
    int start = in.pos;
    if (!in.cls("[a-zA-Z]", LETTER)) return null;
    while (in.cls("[a-zA-Z0-9_]", WORD)) {
      // all of it
    }
    return in.text(start);
  }

  /** {@code SelectorOrIndex <- "." Identifier / IndexExpression} */
  private Str selectorOrIndex() {
    int start = in.pos;
    if (in.lit(".")) {
      String name = identifier();
      if (name != null) return new Str(name);
    }
    in.pos = start;
    return index();
  }

  /**
   * {@code IndexExpression "index" <- "[" _? StringLiteral _? "]" / "[" _? !StringLiteral &{Invalid index}
   * / "[" _? StringLiteral _? !"]" &{Unclosed index expression}}
   */
  private Str index() {
    int start = in.pos;
    if (in.lit("[")) {
      optWs();
      Str key = string();
      if (key != null) {
        optWs();
        if (in.lit("]")) return key;
      }
    }
    in.pos = start;
    if (in.lit("[")) {
      optWs();
      if (in.not(() -> string() != null)) in.error("index", in.pos, "Invalid index");
    }
    in.pos = start;
    if (in.lit("[")) {
      optWs();
      if (string() != null) {
        optWs();
        if (in.not(() -> in.lit("]"))) in.error("index", in.pos, "Unclosed index expression");
      }
    }
    in.pos = start;
    return null;
  }

  /**
   * {@code Value "value" <- Selector / NumberLiteral / StringLiteral}: the raw text bexpr later coerces to the
   * field's type; a selector's names joined with dots.
   */
  String value() {
    return in.memo(Rule.VALUE, () -> {
      List<String> selector = selector();
      if (selector != null) return String.join(".", selector);
      String number = number();
      if (number != null) return number;
      Str string = string();
      if (string == null) return null;
      if (string.value() == null) throw in.panic("value");
      return string.value();
    });
  }

  /**
   * {@code NumberLiteral "number" <- "-"? IntegerOrFloat &AfterNumbers
   * / "-"? IntegerOrFloat !AfterNumbers &{Invalid number literal}}
   */
  private String number() {
    int start = in.pos;
    in.lit("-");
    if (integerOrFloat() && in.and(this::afterNumbers)) return in.text(start);
    in.pos = start;
    in.lit("-");
    if (integerOrFloat() && in.not(this::afterNumbers)) in.error("number", in.pos, "Invalid number literal");
    in.pos = start;
    return null;
  }

  /** {@code AfterNumbers <- &(_ / EOF / ")")} */
  private boolean afterNumbers() {
    return in.and(() -> ws() || eof() || in.lit(")"));
  }

  /** {@code IntegerOrFloat <- ("0" / [1-9][0-9]*) ("." [0-9]+)?} */
  private boolean integerOrFloat() {
    if (!in.lit("0")) {
      if (!in.cls("[1-9]", NONZERO)) return false;
      while (in.cls("[0-9]", DIGIT)) {
        // all of it
      }
    }
    int dot = in.pos;
    if (in.lit(".") && in.cls("[0-9]", DIGIT)) {
      while (in.cls("[0-9]", DIGIT)) {
        // all of it
      }
    } else {
      in.pos = dot;
    }
    return true;
  }

  /**
   * {@code StringLiteral "string" <- ('`' RawStringChar* '`' / '"' DoubleStringChar* '"') {strconv.Unquote}
   * / ('`' RawStringChar* / '"' DoubleStringChar*) EOF &{Unterminated string literal}}
   */
  private Str string() {
    return in.memo(Rule.STRING, () -> {
      int start = in.pos;
      if (delimited("`") || delimited("\"")) {
        String value = GoString.unquote(in.text(start));
        if (value == null) in.error("string", start, "invalid syntax");
        return new Str(value);
      }
      if ((opened("`") || opened("\"")) && eof()) in.error("string", in.pos, "Unterminated string literal");
      in.pos = start;
      return null;
    });
  }

  private boolean delimited(String quote) {
    int start = in.pos;
    if (opened(quote) && in.lit(quote)) return true;
    in.pos = start;
    return false;
  }

  /** The opening quote and every character up to the closing one: {@code RawStringChar <- !'`' .} */
  private boolean opened(String quote) {
    if (!in.lit(quote)) return false;
    while (in.not(() -> in.lit(quote)) && in.any()) {
      // all of it
    }
    return true;
  }
}
