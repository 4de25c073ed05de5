package io.consulate.json.filter;

/**
 * A filter expression Consul would refuse. The message is go-bexpr's own, without the
 * {@code "Failed to create boolean expression evaluator: "} that bexpr's CreateFilter puts before it; Consul
 * answers 400 with that prefix followed by this message. A syntax error is worded the way bexpr's generated
 * parser words it, as {@code line:column (byte offset): ...}, for example
 * {@code 1:10 (9): no match found, expected: "and", "or", [ \t\r\n] or EOF}; several errors are one per line.
 */
public final class FilterException extends RuntimeException {
  public FilterException(String message) {
    super(message);
  }
}
