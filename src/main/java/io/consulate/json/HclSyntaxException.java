package io.consulate.json;

/**
 * An HCL document that does not parse. The message is the reason alone ("line L, column C: unexpected '^'"), so
 * each caller frames it in its own words: the agent names the config file, the ACL endpoints say "Failed to parse
 * ACL rules".
 */
public class HclSyntaxException extends RuntimeException {
  public HclSyntaxException(String reason) {
    super(reason);
  }
}
