package io.consulate.cli;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code consulate keygen}: a new gossip encryption key as Consul makes one, 32 random bytes in base64. */
@Command(name = "keygen", description = "Generates a new encryption key.", mixinStandardHelpOptions = true)
public final class KeygenCommand implements Callable<Integer> {
  private static final int KEY_BYTES = 32;

  @Override
  public Integer call() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    System.out.println(Base64.getEncoder().encodeToString(key));
    return 0;
  }
}
