package io.consulate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code consulate tls ca create}: {@code <domain>-agent-ca.pem} and its key, as {@code consul tls ca create}. */
@Command(name = "create", description = "Create a new Consul CA.", mixinStandardHelpOptions = true)
public final class TlsCaCreateCommand implements Callable<Integer> {
  @Option(names = "-days", paramLabel = "N", description = "How long the CA is valid, in days (default: 1825).")
  int days = 1825;

  @Option(names = "-domain", paramLabel = "DOMAIN", description = "The Consul domain (default: consul).")
  String domain = "consul";

  @Option(names = "-common-name", paramLabel = "NAME", description = "The CA's common name (default: Consul Agent CA <random>).")
  String commonName;

  @Override
  public Integer call() throws Exception {
    Path cert = Path.of(domain + "-agent-ca.pem");
    Path key = Path.of(domain + "-agent-ca-key.pem");
    for (Path p : new Path[] {cert, key}) {
      if (Files.exists(p)) {
        System.err.println("==> " + p + " already exists");
        return 1;
      }
    }
    String cn = commonName != null ? commonName : "Consul Agent CA " + UUID.randomUUID().toString().replace("-", "");
    Certificates.Issued ca = Certificates.ca(cn, days);
    Files.writeString(cert, Certificates.pem(ca.certificate()));
    System.out.println("==> Saved " + cert);
    Files.writeString(key, Certificates.pem(ca.key()));
    Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    System.out.println("==> Saved " + key);
    return 0;
  }
}
