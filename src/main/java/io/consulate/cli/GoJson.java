package io.consulate.cli;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** JSON as Go's {@code json.MarshalIndent(v, "", "    ")} writes it, which is what {@code -format=json} prints. */
final class GoJson {
  private GoJson() {}

  static String indent(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, "");
    return out.toString();
  }

  private static void write(StringBuilder out, Object value, String pad) {
    String inner = pad + "    ";
    if (value instanceof JsonObject o) {
      if (o.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      int i = 0;
      for (Map.Entry<String, Object> e : o) {
        out.append(inner).append(scalar(e.getKey())).append(": ");
        write(out, e.getValue(), inner);
        out.append(++i < o.size() ? ",\n" : "\n");
      }
      out.append(pad).append('}');
    } else if (value instanceof JsonArray a) {
      if (a.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < a.size(); i++) {
        out.append(inner);
        write(out, a.getValue(i), inner);
        out.append(i < a.size() - 1 ? ",\n" : "\n");
      }
      out.append(pad).append(']');
    } else {
      out.append(scalar(value));
    }
  }

  /** Go escapes <, > and & in strings (HTML safety), so "<hidden>" prints as "\u003chidden\u003e". */
  private static String scalar(Object v) {
    return Json.encode(v).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }
}
