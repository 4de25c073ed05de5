package io.consulate.template;

import java.util.List;

/** The parse tree of a template: text, actions and the control structures consul-template users write. */
sealed interface Node {
  record Text(String text) implements Node {}

  /** {{pipeline}}: prints the value unless the pipeline declares variables. */
  record Action(Pipeline pipe) implements Node {}

  /** if, range and with share a shape: a pipeline, a body, and an optional else branch. */
  record Control(Kind kind, Pipeline pipe, List<Node> body, List<Node> otherwise) implements Node {}

  enum Kind { IF, RANGE, WITH }

  /** {@code $a, $b := cmd | cmd}: {@code declare} is false for {@code =} (assignment to existing variables). */
  record Pipeline(int line, List<String> vars, boolean declare, List<Command> commands) {}

  record Command(int line, List<Operand> args) {}

  /** The arguments of a command. */
  sealed interface Operand {
    /** {@code .A.B}; no names is {@code .} itself. */
    record Field(List<String> names) implements Operand {}

    record Variable(String name, List<String> fields) implements Operand {}

    record Function(String name) implements Operand {}

    /** A string, long, double, boolean or nil constant. */
    record Literal(Object value) implements Operand {}

    /** {@code (pipeline).A.B} */
    record Sub(Pipeline pipe, List<String> fields) implements Operand {}
  }
}
