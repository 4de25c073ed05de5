package io.consulate.template;

import java.util.List;

/** A function callable from a template; a failure is an IllegalArgumentException whose message says why. */
@FunctionalInterface
interface TemplateFunction {
  Object call(List<Object> args);
}
