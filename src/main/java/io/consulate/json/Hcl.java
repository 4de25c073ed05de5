package io.consulate.json;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
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
 * Reads an HCL document into the JsonObject its JSON equivalent gives, as Consul reads HCL with hashicorp/hcl v1: a
 * document that starts with '{' is JSON; a block is an object and a repeated block a list of them; strings, heredocs,
 * numbers, booleans and lists are JSON's values. A quoted {@code ${...}} stays as written, as in Consul, which
 * evaluates no HCL expressions. One parser for every HCL Consul reads: the agent's config files and ACL rules.
 */
public final class Hcl {
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

  private Hcl() {}

  /**
   * The document as a JSON object. {@code listKeys} are the dotted paths (lower case, without list indexes) whose
   * value is always a list of objects, even when one block gives it: the caller's vocabulary, not the parser's. A
   * syntax error is an {@link HclSyntaxException} with, where the parser knows it, the line and column (a JSON one is
   * a {@link JsonFieldException}); a value that is not a literal is a {@link JsonFieldException} naming the key.
   */
  public static JsonObject parse(String text, Set<String> listKeys) {
    if (text.stripLeading().startsWith("{")) return Fields.parse(text).json();
    String mismatch = HclBrackets.mismatch(text);
    if (mismatch != null) throw new HclSyntaxException(mismatch);
    Map<String, Object> raw;
    try {
      raw = new LiteralParser().parse(text.replace(INTERPOLATION, HIDDEN));
    } catch (HCLParserException | IOException | RuntimeException e) {
      throw new HclSyntaxException(reason(e));
    }
    return (JsonObject) value("", raw, listKeys);
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
  private static Object value(String path, Object v, Set<String> listKeys) {
    if (v instanceof Map<?, ?> map) {
      JsonObject out = new JsonObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = restore(String.valueOf(e.getKey()));
        String at = path.isEmpty() ? key : path + "." + key;
        Object value = value(at, e.getValue(), listKeys);
        boolean list = value instanceof JsonObject
            && listKeys.contains(at.replaceAll("\\[\\d+]", "").toLowerCase(Locale.ROOT));
        out.put(key, list ? new JsonArray().add(value) : value);
      }
      return out;
    }
    if (v instanceof List<?> list) {
      JsonArray out = new JsonArray();
      for (int i = 0; i < list.size(); i++) out.add(value(path + "[" + i + "]", list.get(i), listKeys));
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
