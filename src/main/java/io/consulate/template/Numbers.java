package io.consulate.template;

/** Go number constants in templates: integers become Long (decimal, 0x, 0o, 0b, '_' separators), others Double. */
final class Numbers {
  private Numbers() {}

  static Object parse(String text, int line) {
    String s = text.replace("_", "");
    try {
      boolean negative = s.startsWith("-");
      String digits = negative || s.startsWith("+") ? s.substring(1) : s;
      String lower = digits.toLowerCase();
      long value;
      if (lower.startsWith("0x") && !lower.contains("p")) value = Long.parseLong(digits.substring(2), 16);
      else if (lower.startsWith("0o")) value = Long.parseLong(digits.substring(2), 8);
      else if (lower.startsWith("0b")) value = Long.parseLong(digits.substring(2), 2);
      else if (lower.matches("[0-9]+")) value = Long.parseLong(digits, lower.length() > 1 && lower.startsWith("0") ? 8 : 10);
      else return Double.parseDouble(s);
      return negative ? -value : value;
    } catch (NumberFormatException e) {
      throw new TemplateException(line, "bad number syntax: \"" + text + "\"");
    }
  }
}
