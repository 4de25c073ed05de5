package io.consulate.template;

import java.util.Map;

/**
 * A Go struct as templates see it: named fields in declaration order. Unlike a map, asking for a field it
 * does not have is an error, as in Go ("can't evaluate field").
 */
public record Struct(String type, Map<String, Object> fields) {
  public Struct {
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }

  /** A struct from alternating field names and values, keeping their order. */
  public static Struct of(String type, Object... namesAndValues) {
    java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
    return new Struct(type, fields);
  }
}
