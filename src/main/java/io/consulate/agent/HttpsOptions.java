package io.consulate.agent;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.Set;

/** Vert.x options for the HTTPS API from {@link TlsSettings}, and for this agent's own calls to it. */
final class HttpsOptions {
  private HttpsOptions() {}

  /** The listener: the agent's certificate; with {@code verify_incoming}, a client certificate the CA signed. */
  static HttpServerOptions server(TlsSettings tls) {
    HttpServerOptions o = new HttpServerOptions().setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certFile().toString()).setKeyPath(tls.keyFile().toString()))
        .setEnabledSecureTransportProtocols(Set.of(tls.protocols()));
    if (tls.verifyIncoming()) {
      o.setClientAuth(ClientAuth.REQUIRED).setTrustOptions(new PemTrustOptions().addCertPath(tls.caFile().toString()));
    }
    return o;
  }

  /**
   * This agent answering a request forwarded from another one, over its own HTTPS listener (when plain HTTP is off):
   * it presents its own certificate, and trusts its own CA (or, with none configured, itself on loopback).
   */
  static HttpClientOptions selfClient(TlsSettings tls) {
    HttpClientOptions o = new HttpClientOptions().setSsl(true).setVerifyHost(false)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certFile().toString()).setKeyPath(tls.keyFile().toString()));
    return tls.caFile() == null ? o.setTrustAll(true) : o.setTrustOptions(new PemTrustOptions().addCertPath(tls.caFile().toString()));
  }
}
