package io.consulate.ui;

import io.consulate.http.ApiError;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The search box: a case-insensitive substring, or a regular expression when written {@code /like this/}.
 * A broken expression is the user's error (400 naming it), not an empty page; so is one that would backtrack for
 * longer than 200 ms over the catalog.
 */
final class Search {
  private static final int MAX_PATTERN = 256;
  private static final long BUDGET_NANOS = 200_000_000L;

  private Search() {}

  /** A string whose reads fail once the search's time is up. */
  private record Budgeted(String s, long deadline, String pattern) implements CharSequence {
    @Override
    public char charAt(int i) {
      if (System.nanoTime() > deadline) {
        throw ApiError.badRequest("Search expression " + pattern + " takes too long; simplify it");
      }
      return s.charAt(i);
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return new Budgeted(s.substring(from, to), deadline, pattern);
    }

    @Override
    public String toString() {
      return s;
    }
  }

  static Predicate<String> parse(String text) {
    if (text == null || text.isEmpty()) return s -> true;
    if (text.length() > 1 && text.startsWith("/") && text.endsWith("/")) {
      if (text.length() > MAX_PATTERN) throw ApiError.badRequest("Search expression too long: at most " + MAX_PATTERN);
      Pattern p;
      try {
        p = Pattern.compile(text.substring(1, text.length() - 1), Pattern.CASE_INSENSITIVE);
      } catch (PatternSyntaxException e) {
        throw ApiError.badRequest("Invalid search expression " + text + ": " + e.getDescription());
      }
      // java.util.regex backtracks: a hostile pattern on a crafted name could hold the event loop for minutes.
      // The whole search gets a time budget, checked as the matcher reads characters.
      // The clock starts at the first name tested (a blocking query may park first).
      long[] deadline = {0};
      return s -> {
        if (deadline[0] == 0) deadline[0] = System.nanoTime() + BUDGET_NANOS;
        return p.matcher(new Budgeted(s, deadline[0], text)).find();
      };
    }
    String needle = text.toLowerCase(Locale.ROOT);
    return s -> s.toLowerCase(Locale.ROOT).contains(needle);
  }
}
