package io.consulate.template;

import io.consulate.template.Node.Command;
import io.consulate.template.Node.Control;
import io.consulate.template.Node.Kind;
import io.consulate.template.Node.Operand;
import io.consulate.template.Node.Pipeline;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over the lexer's tokens into {@link Node}s. Like Go, it rejects unknown functions and
 * undefined variables here, so a broken template fails before anything is fetched or written.
 */
final class Parser {
  private final List<Token> tokens;
  private final Set<String> functions;
  private final Deque<Set<String>> scopes = new ArrayDeque<>();
  private int at;

  private Parser(List<Token> tokens, Set<String> functions) {
    this.tokens = tokens;
    this.functions = functions;
    scopes.push(new HashSet<>(Set.of("$")));
  }

  static List<Node> parse(String text, Set<String> functions) {
    Parser parser = new Parser(Lexer.lex(text), functions);
    List<Node> nodes = parser.list();
    Token end = parser.peek();
    if (end.kind() != Token.Kind.EOF) throw new TemplateException(end.line(), "unexpected {{" + end.text() + "}}");
    return nodes;
  }

  /** Nodes up to EOF or to an {{else}}/{{end}}, which is left unconsumed (positioned at the keyword). */
  private List<Node> list() {
    List<Node> nodes = new ArrayList<>();
    while (true) {
      Token t = next();
      switch (t.kind()) {
        case TEXT -> nodes.add(new Node.Text(t.text()));
        case EOF -> {
          at--;
          return nodes;
        }
        case LEFT -> {
          Token k = peek();
          if (k.is(Token.Kind.KEYWORD, "end") || k.is(Token.Kind.KEYWORD, "else")) return nodes;
          nodes.add(action());
        }
        default -> throw new TemplateException(t.line(), "unexpected " + t.text());
      }
    }
  }

  private Node action() {
    Token k = peek();
    if (k.kind() == Token.Kind.KEYWORD) {
      next();
      return switch (k.text()) {
        case "if" -> control(Kind.IF, k);
        case "range" -> control(Kind.RANGE, k);
        case "with" -> control(Kind.WITH, k);
        default -> throw new TemplateException(k.line(), "{{" + k.text() + "}} is not supported");
      };
    }
    Pipeline pipe = pipeline("command", Token.Kind.RIGHT);
    expect(Token.Kind.RIGHT, "in command");
    return new Node.Action(pipe);
  }

  /** After the keyword: pipeline, body, optional else (or "else if"/"else with"), end. */
  private Node control(Kind kind, Token keyword) {
    scopes.push(new HashSet<>());
    Pipeline pipe = pipeline(keyword.text(), Token.Kind.RIGHT);
    expect(Token.Kind.RIGHT, "in " + keyword.text());
    List<Node> body = list();
    scopes.pop();
    List<Node> otherwise = List.of();
    Token term = next();
    if (term.kind() == Token.Kind.EOF) throw new TemplateException(keyword.line(), "unexpected EOF: {{" + keyword.text() + "}} has no {{end}}");
    if (term.text().equals("else")) {
      Token chained = peek();
      if (kind != Kind.RANGE && chained.is(Token.Kind.KEYWORD, keyword.text())) {
        next();
        return new Control(kind, pipe, body, List.of(control(kind, chained)));
      }
      expect(Token.Kind.RIGHT, "in else");
      scopes.push(new HashSet<>());
      otherwise = list();
      scopes.pop();
      term = next();
      if (!term.text().equals("end")) throw new TemplateException(term.line(), "expected {{end}} after {{else}}");
    }
    expect(Token.Kind.RIGHT, "in end");
    return new Control(kind, pipe, body, otherwise);
  }

  private Pipeline pipeline(String context, Token.Kind closer) {
    int line = peek().line();
    List<String> vars = new ArrayList<>();
    boolean declare = true;
    if (peek().kind() == Token.Kind.VARIABLE && isDeclaration()) {
      vars.add(next().text());
      if (peek().kind() == Token.Kind.COMMA) {
        next();
        vars.add(expect(Token.Kind.VARIABLE, "in declaration").text());
      }
      declare = next().kind() == Token.Kind.DECLARE;
      for (String v : vars) {
        if (declare) scopes.peek().add(v);
        else requireDefined(v, line);
      }
    }
    List<Command> commands = new ArrayList<>();
    while (true) {
      commands.add(command(context, closer));
      if (peek().kind() != Token.Kind.PIPE) break;
      next();
    }
    return new Pipeline(line, List.copyOf(vars), declare, List.copyOf(commands));
  }

  /** "$x :=", "$x =" or "$k, $v :=" ahead. */
  private boolean isDeclaration() {
    Token after = tokens.get(at + 1);
    if (after.kind() == Token.Kind.DECLARE || after.kind() == Token.Kind.ASSIGN) return !tokens.get(at).text().contains(".");
    return after.kind() == Token.Kind.COMMA && tokens.get(at + 2).kind() == Token.Kind.VARIABLE
        && tokens.get(at + 3).kind() == Token.Kind.DECLARE;
  }

  private Command command(String context, Token.Kind closer) {
    int line = peek().line();
    List<Operand> args = new ArrayList<>();
    while (peek().kind() != Token.Kind.PIPE && peek().kind() != closer) {
      args.add(operand());
    }
    if (args.isEmpty()) {
      Token t = peek();
      throw new TemplateException(t.line(), t.kind() == Token.Kind.PIPE ? "missing command before |" : "missing value for " + context);
    }
    return new Command(line, List.copyOf(args));
  }

  private Operand operand() {
    Token t = next();
    return switch (t.kind()) {
      case FIELD -> new Operand.Field(fields(t.text()));
      case DOT -> new Operand.Field(List.of());
      case VARIABLE -> {
        String name = t.text().contains(".") ? t.text().substring(0, t.text().indexOf('.')) : t.text();
        requireDefined(name, t.line());
        yield new Operand.Variable(name, fields(t.text().substring(name.length())));
      }
      case IDENT -> {
        if (!functions.contains(t.text())) throw new TemplateException(t.line(), "function \"" + t.text() + "\" not defined");
        yield new Operand.Function(t.text());
      }
      case STRING -> new Operand.Literal(t.text());
      case NUMBER -> new Operand.Literal(Numbers.parse(t.text(), t.line()));
      case BOOL -> new Operand.Literal(Boolean.parseBoolean(t.text()));
      case NIL -> new Operand.Literal(null);
      case LPAREN -> {
        Pipeline inner = pipeline("parenthesized pipeline", Token.Kind.RPAREN);
        expect(Token.Kind.RPAREN, "in parenthesized pipeline");
        List<String> chain = peek().kind() == Token.Kind.CHAIN ? fields(next().text()) : List.of();
        yield new Operand.Sub(inner, chain);
      }
      case RIGHT, EOF -> throw new TemplateException(t.line(), "unclosed action");
      default -> throw new TemplateException(t.line(), "unexpected \"" + t.text() + "\" in operand");
    };
  }

  private void requireDefined(String variable, int line) {
    for (Set<String> scope : scopes) if (scope.contains(variable)) return;
    throw new TemplateException(line, "undefined variable \"" + variable + "\"");
  }

  /** ".A.B" -> [A, B] */
  private static List<String> fields(String chain) {
    if (chain.isEmpty()) return List.of();
    return List.copyOf(Arrays.asList(chain.substring(1).split("\\.")));
  }

  private Token expect(Token.Kind kind, String context) {
    Token t = next();
    if (t.kind() != kind) {
      String what = t.kind() == Token.Kind.EOF ? "EOF" : "\"" + t.text() + "\"";
      throw new TemplateException(t.line(), "unexpected " + what + " " + context);
    }
    return t;
  }

  private Token next() {
    return tokens.get(at++);
  }

  private Token peek() {
    return tokens.get(at);
  }
}
