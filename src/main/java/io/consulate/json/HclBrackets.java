package io.consulate.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks that an HCL document's braces and brackets pair up and that its strings, heredocs and comments end.
 * hcl4j 0.9.4 does not: it reads <code>service { name = "web"</code>, the closing brace missing, as a top-level
 * {@code name}, so the service would vanish without an error. This is the one structural check made here;
 * everything else is hcl4j's.
 */
final class HclBrackets {
  private final String text;

  private HclBrackets(String text) {
    this.text = text;
  }

  /** Null when the document is well formed in these respects, else {@code "line L, column C: reason"}. */
  static String mismatch(String text) {
    return new HclBrackets(text).scan();
  }

  private String scan() {
    Deque<Integer> open = new ArrayDeque<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '#' || text.startsWith("//", i)) {
        i = endOfLine(i);
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) return at(i, "comment is not closed");
        i = end + 2;
      } else if (c == '"') {
        int end = endOfString(i);
        if (end < 0) return at(i, "string is not closed on its line");
        i = end;
      } else if (text.startsWith("<<", i)) {
        int end = endOfHeredoc(i);
        if (end < 0) return at(i, "heredoc is not closed");
        i = end;
      } else {
        if (c == '{' || c == '[') open.push(i);
        if (c == '}' || c == ']') {
          char expected = open.isEmpty() ? 0 : text.charAt(open.peek()) == '{' ? '}' : ']';
          if (c != expected) return at(i, "unexpected '" + c + "'");
          open.pop();
        }
        i++;
      }
    }
    return open.isEmpty() ? null : at(open.peek(), "'" + text.charAt(open.peek()) + "' is never closed");
  }

  /** The index after a quoted string that starts at {@code quote}; interpolations may hold quotes. -1: unclosed. */
  private int endOfString(int quote) {
    int depth = 0;
    int i = quote + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '\n' && depth == 0) return -1;
      if (text.startsWith("${", i)) {
        depth++;
        i += 2;
        continue;
      }
      if (c == '}' && depth > 0) depth--;
      if (c == '"') {
        if (depth == 0) return i + 1;
        int inner = endOfString(i);
        if (inner < 0) return -1;
        i = inner;
        continue;
      }
      i++;
    }
    return -1;
  }

  /** The index after a heredoc's closing line ({@code <<EOT} or {@code <<-EOT} ... {@code EOT}). -1: unclosed. */
  private int endOfHeredoc(int start) {
    int nameStart = start + (text.startsWith("<<-", start) ? 3 : 2);
    int lineEnd = endOfLine(start);
    String name = text.substring(nameStart, lineEnd).strip();
    if (name.isEmpty()) return -1;
    int line = lineEnd + 1;
    while (line <= text.length()) {
      int end = endOfLine(line);
      if (text.substring(line, end).strip().equals(name)) return end;
      line = end + 1;
    }
    return -1;
  }

  private int endOfLine(int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }

  private String at(int index, String reason) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return "line " + line + ", column " + (index - lineStart + 1) + ": " + reason;
  }
}
