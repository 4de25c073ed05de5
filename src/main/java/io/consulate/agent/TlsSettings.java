package io.consulate.agent;

import java.nio.file.Path;

/**
 * TLS on the HTTPS API ({@code tls.defaults} and {@code tls.https} in Consul 1.12+ config, or the older top-level
 * {@code ca_file}, {@code cert_file}, {@code key_file}, {@code verify_incoming}): the agent's certificate and key,
 * the CA that client certificates must be signed by, whether one is required, and the lowest TLS version.
 *
 * @param minVersion Consul's spelling: {@code TLSv1_2} (default) or {@code TLSv1_3}
 */
public record TlsSettings(Path caFile, Path certFile, Path keyFile, boolean verifyIncoming, String minVersion) {
  public static final TlsSettings NONE = new TlsSettings(null, null, null, false, "TLSv1_2");

  /** The JDK's protocol names from {@code minVersion} up. */
  public String[] protocols() {
    return minVersion.equals("TLSv1_3") ? new String[] {"TLSv1.3"} : new String[] {"TLSv1.2", "TLSv1.3"};
  }
}
