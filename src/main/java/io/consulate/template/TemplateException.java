package io.consulate.template;

/** A parse or execution error of one template, located as {@code file:line: reason} like Go's text/template. */
public final class TemplateException extends RuntimeException {
  private final String reason;
  private final int line;

  public TemplateException(int line, String reason) {
    this(null, line, reason);
  }

  private TemplateException(String file, int line, String reason) {
    super((file != null ? file : "template") + ":" + line + ": " + reason);
    this.reason = reason;
    this.line = line;
  }

  /** The same error, naming the template file it occurred in. */
  public TemplateException in(String file) {
    return new TemplateException(file, line, reason);
  }

  public int line() {
    return line;
  }
}
