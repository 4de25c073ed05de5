package io.consulate.template;

import io.consulate.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a template into text and action tokens with Go's rules: {@code {{- } and {@code -}}} trim the
 * whitespace beside them, {@code {{/* *}{@code /}}} is a comment, and field chains such as {@code $x.A.B}
 * are one token, because whether a space separates them changes the meaning.
 */
final class Lexer {
  private static final Set<String> KEYWORDS =
      Set.of("if", "else", "end", "range", "with", "define", "template", "block", "break", "continue");

  private final String src;
  private final List<Token> out = new ArrayList<>();
  private int pos;
  private int line = 1;
  private boolean trimNextText;

  private Lexer(String src) {
    this.src = src;
  }

  static List<Token> lex(String src) {
    Lexer lexer = new Lexer(src);
    lexer.run();
    return lexer.out;
  }

  private void run() {
    while (pos < src.length()) {
      int open = src.indexOf("{{", pos);
      int end = open < 0 ? src.length() : open;
      boolean trimLeft = open >= 0 && isTrimMarker(open + 2);
      String text = src.substring(pos, end);
      if (trimNextText) text = stripLeading(text);
      if (trimLeft) text = stripTrailing(text);
      if (!text.isEmpty()) out.add(new Token(Kind.TEXT, text, line));
      advanceTo(end);
      trimNextText = false;
      if (open < 0) break;
      out.add(new Token(Kind.LEFT, "{{", line));
      advanceTo(pos + (trimLeft ? 4 : 2));
      if (src.startsWith("/*", pos)) comment();
      else action();
    }
    out.add(new Token(Kind.EOF, "", line));
  }

  /** "-" followed by a space after "{{" (or before "}}") is a trim marker; "{{-3}}" is a number. */
  private boolean isTrimMarker(int at) {
    return at + 1 < src.length() && src.charAt(at) == '-' && isSpace(src.charAt(at + 1));
  }

  private void comment() {
    int close = src.indexOf("*/", pos + 2);
    if (close < 0) throw new TemplateException(line, "unclosed comment");
    advanceTo(close + 2);
    skipSpaces();
    if (!closeAction()) throw new TemplateException(line, "comment ends before closing delimiter");
    out.remove(out.size() - 1); // a comment produces no tokens at all, not even its delimiters
    out.remove(out.size() - 1);
  }

  private void action() {
    while (true) {
      boolean spaced = skipSpaces();
      if (pos >= src.length()) throw new TemplateException(line, "unclosed action");
      if (src.startsWith("}}", pos) || (spaced && src.startsWith("-}}", pos))) {
        closeAction();
        return;
      }
      token();
    }
  }

  /** Emits the right delimiter if one is here, noting whether it trims the text that follows. */
  private boolean closeAction() {
    boolean trim = pos > 0 && isSpace(src.charAt(pos - 1)) && src.startsWith("-}}", pos);
    if (!trim && !src.startsWith("}}", pos)) return false;
    out.add(new Token(Kind.RIGHT, "}}", line));
    advanceTo(pos + (trim ? 3 : 2));
    trimNextText = trim;
    return true;
  }

  private void token() {
    char c = src.charAt(pos);
    int start = pos;
    switch (c) {
      case '|' -> emit(Kind.PIPE, start, pos + 1);
      case '(' -> emit(Kind.LPAREN, start, pos + 1);
      case ')' -> {
        emit(Kind.RPAREN, start, pos + 1);
        if (pos < src.length() && src.charAt(pos) == '.' && pos + 1 < src.length() && isWordStart(src.charAt(pos + 1))) {
          emit(Kind.CHAIN, pos, chainEnd(pos));
        }
      }
      case ',' -> emit(Kind.COMMA, start, pos + 1);
      case '=' -> emit(Kind.ASSIGN, start, pos + 1);
      case ':' -> {
        if (!src.startsWith(":=", pos)) throw new TemplateException(line, "expected :=");
        emit(Kind.DECLARE, start, pos + 2);
      }
      case '"' -> quoted();
      case '`' -> raw();
      case '$' -> emit(Kind.VARIABLE, start, chainEnd(wordEnd(pos + 1)));
      case '.' -> {
        if (pos + 1 < src.length() && isWordStart(src.charAt(pos + 1))) emit(Kind.FIELD, start, chainEnd(pos));
        else if (pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) number();
        else emit(Kind.DOT, start, pos + 1);
      }
      default -> {
        if (Character.isDigit(c) || ((c == '-' || c == '+') && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
          number();
        } else if (isWordStart(c)) {
          word();
        } else {
          throw new TemplateException(line, "unexpected \"" + c + "\" in command");
        }
      }
    }
  }

  private void word() {
    int start = pos;
    int end = wordEnd(pos);
    String w = src.substring(start, end);
    Kind kind = w.equals("true") || w.equals("false") ? Kind.BOOL
        : w.equals("nil") ? Kind.NIL
        : KEYWORDS.contains(w) ? Kind.KEYWORD : Kind.IDENT;
    emit(kind, start, end);
  }

  private void number() {
    int end = pos + 1;
    while (end < src.length() && isNumberChar(src.charAt(end), src.charAt(end - 1))) end++;
    emit(Kind.NUMBER, pos, end);
  }

  /** Digits, hex letters, '.', '_' and a sign only right after an exponent mark, as Go's number syntax. */
  private static boolean isNumberChar(char c, char previous) {
    if (c == '+' || c == '-') return "eEpP".indexOf(previous) >= 0;
    return Character.isLetterOrDigit(c) || c == '.' || c == '_';
  }

  private void quoted() {
    StringBuilder value = new StringBuilder();
    int i = pos + 1;
    while (true) {
      if (i >= src.length() || src.charAt(i) == '\n') throw new TemplateException(line, "unterminated quoted string");
      char c = src.charAt(i);
      if (c == '"') break;
      if (c == '\\' && i + 1 < src.length()) {
        i = Escapes.unescape(src, i + 1, value, line);
      } else {
        value.append(c);
        i++;
      }
    }
    out.add(new Token(Kind.STRING, value.toString(), line));
    advanceTo(i + 1);
  }

  private void raw() {
    int close = src.indexOf('`', pos + 1);
    if (close < 0) throw new TemplateException(line, "unterminated raw quoted string");
    out.add(new Token(Kind.STRING, src.substring(pos + 1, close), line));
    advanceTo(close + 1);
  }

  private void emit(Kind kind, int start, int end) {
    out.add(new Token(kind, src.substring(start, end), line));
    advanceTo(end);
  }

  /** Extends a word, variable or field through following ".Name" segments written without spaces. */
  private int chainEnd(int from) {
    int end = from;
    while (end + 1 < src.length() && src.charAt(end) == '.' && isWordStart(src.charAt(end + 1))) end = wordEnd(end + 1);
    return end;
  }

  private int wordEnd(int from) {
    int end = from;
    while (end < src.length() && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_')) end++;
    return end;
  }

  private boolean skipSpaces() {
    int start = pos;
    int end = pos;
    while (end < src.length() && isSpace(src.charAt(end))) end++;
    advanceTo(end);
    return end > start;
  }

  private void advanceTo(int target) {
    for (int i = pos; i < target; i++) if (src.charAt(i) == '\n') line++;
    pos = target;
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) i++;
    return s.substring(i);
  }

  private static String stripTrailing(String s) {
    int i = s.length();
    while (i > 0 && isSpace(s.charAt(i - 1))) i--;
    return s.substring(0, i);
  }
}
