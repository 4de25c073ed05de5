package io.consulate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code consulate tls cert create -server|-client|-cli}: {@code <dc>-<kind>-<domain>-<n>.pem} and its key, signed
 * by the CA {@code tls ca create} made, for {@code server.<dc>.<domain>} (servers), {@code client.<dc>.<domain>}
 * (client agents) or {@code cli.client.<dc>.<domain>} (the command line), each also for {@code localhost} and
 * 127.0.0.1, as {@code consul tls cert create}.
 */
@Command(name = "create", description = "Create a new certificate.", mixinStandardHelpOptions = true)
public final class TlsCertCreateCommand implements Callable<Integer> {
  @Option(names = "-server", description = "Generate a server certificate.")
  boolean server;

  @Option(names = "-client", description = "Generate a client agent certificate.")
  boolean client;

  @Option(names = "-cli", description = "Generate a certificate for the command line.")
  boolean cli;

  @Option(names = "-dc", paramLabel = "DC", description = "The datacenter (default: dc1).")
  String dc = "dc1";

  @Option(names = "-domain", paramLabel = "DOMAIN", description = "The Consul domain (default: consul).")
  String domain = "consul";

  @Option(names = "-days", paramLabel = "N", description = "How long the certificate is valid, in days (default: 365).")
  int days = 365;

  @Option(names = "-ca", paramLabel = "FILE", description = "The CA certificate (default: <domain>-agent-ca.pem).")
  Path caFile;

  @Option(names = "-key", paramLabel = "FILE", description = "The CA key (default: <domain>-agent-ca-key.pem).")
  Path caKey;

  @Option(names = "-additional-dnsname", paramLabel = "NAME", description = "Another DNS name for the certificate (repeatable).")
  List<String> moreNames = new ArrayList<>();

  @Option(names = "-additional-ipaddress", paramLabel = "IP", description = "Another IP address for the certificate (repeatable).")
  List<String> moreIps = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    int kinds = (server ? 1 : 0) + (client ? 1 : 0) + (cli ? 1 : 0);
    if (kinds != 1) {
      System.err.println("==> Please provide either -server, -client, or -cli");
      return 1;
    }
    Path ca = caFile != null ? caFile : Path.of(domain + "-agent-ca.pem");
    Path key = caKey != null ? caKey : Path.of(domain + "-agent-ca-key.pem");
    for (Path p : new Path[] {ca, key}) {
      if (!Files.exists(p)) {
        System.err.println("==> " + p + " does not exist: create a CA first (consulate tls ca create)");
        return 1;
      }
    }
    String kind = server ? "server" : client ? "client" : "cli";
    String name = (cli ? "cli.client" : kind) + "." + dc + "." + domain;
    List<String> dnsNames = new ArrayList<>(List.of(name, "localhost"));
    dnsNames.addAll(moreNames);
    List<String> ips = new ArrayList<>(List.of("127.0.0.1"));
    ips.addAll(moreIps);
    if (server) {
      System.out.println("""
          ==> WARNING: Server Certificates grants authority to become a
              server and access all state in the cluster including root keys
              and all ACL tokens. Do not distribute them to production hosts
              that are not server nodes. Store them as securely as CA keys.""");
    }
    System.out.println("==> Using " + ca + " and " + key);
    Certificates.Issued signer = new Certificates.Issued(PemFiles.certificates(ca).get(0), PemFiles.key(key));
    Certificates.Issued issued = Certificates.leaf(signer, name, dnsNames, ips, days);
    String prefix = dc + "-" + kind + "-" + domain + "-";
    int n = 0;
    while (Files.exists(Path.of(prefix + n + ".pem"))) n++;
    Path certOut = Path.of(prefix + n + ".pem");
    Path keyOut = Path.of(prefix + n + "-key.pem");
    Files.writeString(certOut, Certificates.pem(issued.certificate()));
    System.out.println("==> Saved " + certOut);
    Files.writeString(keyOut, Certificates.pem(issued.key()));
    Files.setPosixFilePermissions(keyOut, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    System.out.println("==> Saved " + keyOut);
    return 0;
  }
}
