package io.consulate.template;

import io.consulate.template.Node.Command;
import io.consulate.template.Node.Control;
import io.consulate.template.Node.Operand;
import io.consulate.template.Node.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Executes a parse tree with Go's semantics: dot, scoped variables, pipes, and lazy {@code and}/{@code or}. */
final class Evaluator {
  private final Map<String, TemplateFunction> functions;
  private final StringBuilder out;
  /** Variables in declaration order; a block's variables are dropped when it ends. */
  private final List<Variable> vars = new ArrayList<>();

  private static final class Variable {
    final String name;
    Object value;

    Variable(String name, Object value) {
      this.name = name;
      this.value = value;
    }
  }

  Evaluator(Map<String, TemplateFunction> functions, StringBuilder out) {
    this.functions = functions;
    this.out = out;
  }

  /** consul-template executes with nil data, so both {@code .} and {@code $} start as nil. */
  void run(List<Node> nodes) {
    vars.add(new Variable("$", null));
    walk(nodes, null);
  }

  private void walk(List<Node> nodes, Object dot) {
    for (Node node : nodes) {
      if (node instanceof Node.Text t) {
        out.append(t.text());
      } else if (node instanceof Node.Action a) {
        Object v = pipeline(a.pipe(), dot, true);
        if (a.pipe().vars().isEmpty()) out.append(GoValues.print(v));
      } else {
        int mark = vars.size();
        control((Control) node, dot);
        vars.subList(mark, vars.size()).clear();
      }
    }
  }

  private void control(Control c, Object dot) {
    switch (c.kind()) {
      case IF -> walk(GoValues.truth(pipeline(c.pipe(), dot, true)) ? c.body() : c.otherwise(), dot);
      case WITH -> {
        Object v = pipeline(c.pipe(), dot, true);
        if (GoValues.truth(v)) walk(c.body(), v);
        else walk(c.otherwise(), dot);
      }
      case RANGE -> range(c, dot);
    }
  }

  /** Lists by index, maps in key order (as Go sorts them), integers as 0..n-1; nil or empty runs the else. */
  private void range(Control c, Object dot) {
    Object v = pipeline(c.pipe(), dot, false);
    List<Object[]> items = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) items.add(new Object[] {(long) i, list.get(i)});
    } else if (v instanceof Map<?, ?> map) {
      GoValues.stringKeys(map).forEach((k, val) -> items.add(new Object[] {k, val}));
    } else if (v instanceof Long n) {
      for (long i = 0; i < n; i++) items.add(new Object[] {i, i});
    } else if (v != null) {
      throw new TemplateException(c.pipe().line(), "range can't iterate over " + GoValues.format(v));
    }
    if (items.isEmpty()) {
      walk(c.otherwise(), dot);
      return;
    }
    List<String> names = c.pipe().vars();
    for (Object[] item : items) {
      int mark = vars.size();
      if (names.size() == 1) vars.add(new Variable(names.get(0), item[1]));
      if (names.size() == 2) {
        vars.add(new Variable(names.get(0), item[0]));
        vars.add(new Variable(names.get(1), item[1]));
      }
      walk(c.body(), item[1]);
      vars.subList(mark, vars.size()).clear();
    }
  }

  /** Runs the commands, each result piped in as the next command's last argument; binds variables if asked. */
  private Object pipeline(Pipeline p, Object dot, boolean bind) {
    Object value = null;
    boolean piped = false;
    for (Command cmd : p.commands()) {
      value = command(cmd, dot, value, piped);
      piped = true;
    }
    if (bind) {
      for (String name : p.vars()) {
        if (p.declare()) vars.add(new Variable(name, value));
        else lookup(name, p.line()).value = value;
      }
    }
    return value;
  }

  private Object command(Command cmd, Object dot, Object piped, boolean hasPiped) {
    List<Operand> args = cmd.args();
    if (!(args.get(0) instanceof Operand.Function fn)) {
      if (args.size() > 1 || hasPiped) throw new TemplateException(cmd.line(), "can't give argument to non-function " + describe(args.get(0)));
      return operand(args.get(0), dot, cmd.line());
    }
    List<Operand> rest = args.subList(1, args.size());
    if (fn.name().equals("and") || fn.name().equals("or")) return shortCircuit(fn.name().equals("or"), rest, dot, piped, hasPiped, cmd.line());
    List<Object> values = new ArrayList<>();
    for (Operand a : rest) values.add(operand(a, dot, cmd.line()));
    if (hasPiped) values.add(piped);
    return call(fn.name(), values, cmd.line());
  }

  /** and/or stop at the first argument that decides the result and evaluate nothing after it (Go 1.18+). */
  private Object shortCircuit(boolean or, List<Operand> rest, Object dot, Object piped, boolean hasPiped, int line) {
    int count = rest.size() + (hasPiped ? 1 : 0);
    if (count == 0) throw new TemplateException(line, "error calling " + (or ? "or" : "and") + ": wrong number of args: want at least 1 got 0");
    Object v = null;
    for (int i = 0; i < count; i++) {
      v = i < rest.size() ? operand(rest.get(i), dot, line) : piped;
      if (GoValues.truth(v) == or) return v;
    }
    return v;
  }

  private Object operand(Operand o, Object dot, int line) {
    if (o instanceof Operand.Field f) return chain(dot, f.names(), line);
    if (o instanceof Operand.Variable v) return chain(lookup(v.name(), line).value, v.fields(), line);
    if (o instanceof Operand.Literal l) return l.value();
    if (o instanceof Operand.Sub s) return chain(pipeline(s.pipe(), dot, true), s.fields(), line);
    return call(((Operand.Function) o).name(), List.of(), line); // a function as an argument is called bare
  }

  private Object call(String name, List<Object> args, int line) {
    try {
      return functions.get(name).call(args);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new TemplateException(line, "error calling " + name + ": " + e.getMessage());
    }
  }

  private static Object chain(Object v, List<String> names, int line) {
    try {
      for (String name : names) v = GoValues.field(v, name);
      return v;
    } catch (IllegalArgumentException e) {
      throw new TemplateException(line, e.getMessage());
    }
  }

  private Variable lookup(String name, int line) {
    for (int i = vars.size() - 1; i >= 0; i--) if (vars.get(i).name.equals(name)) return vars.get(i);
    throw new TemplateException(line, "undefined variable: " + name);
  }

  private static String describe(Operand o) {
    if (o instanceof Operand.Field f) return "." + String.join(".", f.names());
    if (o instanceof Operand.Variable v) return v.name() + (v.fields().isEmpty() ? "" : "." + String.join(".", v.fields()));
    if (o instanceof Operand.Literal l) return GoValues.format(l.value());
    return "(pipeline)";
  }
}
