package io.consulate.ui;

import io.consulate.http.ApiError;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The search box: a case-insensitive substring, or a regular expression when written {@code /like this/}.
 * A broken expression is the user's error (400 naming it), not an empty page.
 */
final class Search {
  private Search() {}

  static Predicate<String> parse(String text) {
    if (text == null || text.isEmpty()) return s -> true;
    if (text.length() > 1 && text.startsWith("/") && text.endsWith("/")) {
      try {
        Pattern p = Pattern.compile(text.substring(1, text.length() - 1), Pattern.CASE_INSENSITIVE);
        return s -> p.matcher(s).find();
      } catch (PatternSyntaxException e) {
        throw ApiError.badRequest("Invalid search expression " + text + ": " + e.getDescription());
      }
    }
    String needle = text.toLowerCase(Locale.ROOT);
    return s -> s.toLowerCase(Locale.ROOT).contains(needle);
  }
}
