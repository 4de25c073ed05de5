package io.consulate.agent;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
import io.consulate.json.Fields;
import io.consulate.json.JsonFieldException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an HCL config document into the JsonObject its JSON equivalent gives, as Consul's agent/config reads HCL
 * (hashicorp/hcl v1, then its decode hooks): a document that starts with '{' is JSON; a block is an object and a
 * repeated block a list of them; {@code services}, {@code checks} and a service's {@code checks} are lists even when
 * one block gives them; strings, heredocs, numbers, booleans and lists are JSON's values. A quoted {@code ${...}}
 * stays as written, as in Consul, which evaluates no HCL expressions.
 */
final class HclDocument {
  /** Consul's keys that always hold a list of objects (agent/config's PatchSliceOfMaps list, those read here). */
  private static final Set<String> LIST_KEYS = Set.of("services", "checks", "service.checks", "services.checks");
  /** hcl4j's lexer error, the one that carries a position. */
  private static final Pattern ILLEGAL = Pattern.compile(
      "Illegal character <\\((.*)\\) - state: \\d+> found on line: (\\d+) col: (\\d+)", Pattern.DOTALL);
  /**
   * hcl4j would evaluate {@code "${HOME}"} to {@code "HOME"}; a script check's {@code echo ${HOME}} must reach the
   * shell as written. So <code>${</code> is hidden from it as {@code $} + SOH (same length: columns stay right) and put
   * back in every key and string.
   */
  private static final String INTERPOLATION = "${";
  private static final String HIDDEN = "$\u0001";
  /** hcl4j logs each syntax error with its stack trace before throwing it; the error is reported as one line. */
  private static final Logger PARSER_LOG = Logger.getLogger("com.bertramlabs.plugins.hcl4j");

  static {
    PARSER_LOG.setLevel(Level.OFF);
  }

  private HclDocument() {}

  /**
   * The document as a JSON object. A syntax error is a {@link ConfigException} naming {@code source} and, where the
   * parser knows it, the line and column; a value that is not a literal is a {@link JsonFieldException} naming the key.
   */
  static JsonObject parse(String text, String source) {
    if (text.stripLeading().startsWith("{")) return Fields.parse(text).json();
    String mismatch = HclBrackets.mismatch(text);
    if (mismatch != null) throw syntaxError(source, mismatch);
    Map<String, Object> raw;
    try {
      raw = new LiteralParser().parse(text.replace(INTERPOLATION, HIDDEN));
    } catch (HCLParserException | IOException | RuntimeException e) {
      throw syntaxError(source, reason(e));
    }
    return (JsonObject) value("", raw);
  }

  private static ConfigException syntaxError(String source, String reason) {
    return new ConfigException("Error parsing " + source + ": " + reason);
  }

  /** hcl4j's message (wrapped in a RuntimeException), as "line L, column C: unexpected ..." when it has a position. */
  private static String reason(Exception e) {
    Throwable t = e;
    while (!(t instanceof HCLParserException) && t.getCause() != null) t = t.getCause();
    String message = String.valueOf(t.getMessage());
    Matcher m = ILLEGAL.matcher(message);
    if (m.find()) {
      String c = m.group(1);
      String what = c.equals("\n") || c.equals("\r") ? "unexpected end of line" : "unexpected '" + c + "'";
      return "line " + m.group(2) + ", column " + m.group(3) + ": " + what;
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** hcl4j's maps, lists, strings, doubles and booleans as JSON values; anything else (null, an expression) fails. */
  private static Object value(String path, Object v) {
    if (v instanceof Map<?, ?> map) {
      JsonObject out = new JsonObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = restore(String.valueOf(e.getKey()));
        String at = path.isEmpty() ? key : path + "." + key;
        Object value = value(at, e.getValue());
        boolean list = value instanceof JsonObject
            && LIST_KEYS.contains(at.replaceAll("\\[\\d+]", "").toLowerCase(Locale.ROOT));
        out.put(key, list ? new JsonArray().add(value) : value);
      }
      return out;
    }
    if (v instanceof List<?> list) {
      JsonArray out = new JsonArray();
      for (int i = 0; i < list.size(); i++) out.add(value(path + "[" + i + "]", list.get(i)));
      return out;
    }
    if (v instanceof String s) return restore(s);
    if (v instanceof Boolean) return v;
    // hcl4j reads every number as a double; a whole one is an integer, as in JSON.
    if (v instanceof Double d) return d == Math.rint(d) && Math.abs(d) < 0x1p53 ? (Object) d.longValue() : d;
    throw new JsonFieldException(path + ": expected a string, number, boolean, list or block");
  }

  private static String restore(String s) {
    return s.replace(HIDDEN, INTERPOLATION);
  }

  /** hcl4j's parser without its functions and data lookups (HTTP requests, files): Consul's HCL has neither. */
  private static final class LiteralParser extends HCLParser {
    LiteralParser() {
      functionRegistry.clear();
      dataLookupRegistry.clear();
    }
  }
}
