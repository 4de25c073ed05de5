package io.consulate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code consulate tls ca create} and {@code tls cert create}: a CA and agent certificates, as {@code consul tls}. */
@Command(name = "tls", description = "Builtin helpers for creating CAs and certificates.", mixinStandardHelpOptions = true,
    subcommands = {TlsCommand.Ca.class, TlsCommand.Cert.class})
public final class TlsCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "ca", description = "Helpers for CAs.", mixinStandardHelpOptions = true,
      subcommands = TlsCaCreateCommand.class)
  static final class Ca implements Runnable {
    @Override
    public void run() {
      new CommandLine(this).usage(System.out);
    }
  }

  @Command(name = "cert", description = "Helpers for certificates.", mixinStandardHelpOptions = true,
      subcommands = TlsCertCreateCommand.class)
  static final class Cert implements Runnable {
    @Override
    public void run() {
      new CommandLine(this).usage(System.out);
    }
  }
}
