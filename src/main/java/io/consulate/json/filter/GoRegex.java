package io.consulate.json.filter;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * bexpr's {@code matches}: Go's regexp (RE2) approximated by java.util.regex. Go's named groups
 * {@code (?P<name>...)} are translated; most other RE2 syntax means the same in Java. Known differences are left:
 * Java's {@code $} also matches before a final line break, it reads POSIX classes ({@code [[:alpha:]]}) as plain
 * characters, and it accepts what RE2 refuses (backreferences, lookaround). Java's matcher backtracks where RE2
 * cannot: rather than hold the event loop, a match that runs out of its time budget or of stack is refused. User
 * events' filters are Go regular expressions too, and use it.
 */
public final class GoRegex {
  private static final long BUDGET_NANOS = 100_000_000L;

  private GoRegex() {}

  /** bexpr compiles a {@code matches} value when it creates the evaluator: a bad one is refused up front. */
  public static Pattern compile(String regex) {
    StringBuilder java = new StringBuilder();
    for (int i = 0; i < regex.length(); i++) {
      if (regex.startsWith("(?P<", i) && escapes(regex, i) % 2 == 0) {
        java.append("(?<");
        i += 3;
      } else {
        java.append(regex.charAt(i));
      }
    }
    try {
      return Pattern.compile(java.toString());
    } catch (PatternSyntaxException e) {
      throw new FilterException("Failed to compile regular expression " + GoString.quote(regex)
          + ": error parsing regexp: " + e.getDescription());
    }
  }

  /** How many backslashes come just before index {@code at}. */
  private static int escapes(String s, int at) {
    int n = 0;
    while (at - n > 0 && s.charAt(at - n - 1) == '\\') n++;
    return n;
  }

  /** Go's Regexp.MatchString: a match anywhere in {@code s}; {@code regex} is the pattern as the filter wrote it. */
  public static boolean find(Pattern pattern, String regex, String s) {
    long deadline = System.nanoTime() + BUDGET_NANOS;
    try {
      return pattern.matcher(new Budgeted(s, deadline)).find();
    } catch (StackOverflowError | Budgeted.TimeUp e) {
      throw new FilterException("Regular expression " + GoString.quote(regex)
          + " is too costly to match; simplify it");
    }
  }

  /** A string whose reads fail once the match's time is up. */
  private record Budgeted(String s, long deadline) implements CharSequence {
    private static final class TimeUp extends RuntimeException {
      TimeUp() {
        super(null, null, false, false);
      }
    }

    @Override
    public char charAt(int i) {
      if (System.nanoTime() > deadline) throw new TimeUp();
      return s.charAt(i);
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return new Budgeted(s.substring(from, to), deadline);
    }

    @Override
    public String toString() {
      return s;
    }
  }
}
