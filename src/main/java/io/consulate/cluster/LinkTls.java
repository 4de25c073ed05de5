package io.consulate.cluster;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.core.http.ClientAuth;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * TLS 1.3 with mutual authentication for the client links when the agent has an {@code encrypt} key. Both ends
 * derive the same identity from the key: an Ed25519 key pair whose seed is derived from it (Ed25519 keys and
 * signatures are deterministic, RFC 8032), in a self-signed certificate with fixed fields, so every holder of the
 * key builds the same certificate. Each end presents it and trusts only it, so the handshake completes only
 * between holders of the key; the JDK's TLS does the rest. Nothing is written to disk.
 */
final class LinkTls {
  private static final char[] PASSWORD = "link".toCharArray();

  private final KeyManagerFactory keys;
  private final TrustManagerFactory trust;

  private LinkTls(KeyManagerFactory keys, TrustManagerFactory trust) {
    this.keys = keys;
    this.trust = trust;
  }

  /** The client's options for {@code key}. */
  static NetClientOptions client(NetClientOptions o, GossipKey key) {
    return of(key).client(o);
  }

  static LinkTls of(GossipKey key) {
    try {
      Ed25519PrivateKeyParameters secret = new Ed25519PrivateKeyParameters(key.derive("link identity v1"), 0);
      PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(
          new PKCS8EncodedKeySpec(PrivateKeyInfoFactory.createPrivateKeyInfo(secret).getEncoded()));
      X500Name name = new X500Name("CN=consulate link");
      X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, BigInteger.ONE,
          Date.from(Instant.parse("2020-01-01T00:00:00Z")), Date.from(Instant.parse("2120-01-01T00:00:00Z")), name,
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(secret.generatePublicKey()));
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("Ed25519").build(privateKey)));
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("link", privateKey, PASSWORD, new Certificate[] {cert});
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD);
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("link", cert);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      return new LinkTls(keys, trust);
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up TLS for the client links: " + e.getMessage(), e);
    }
  }

  NetServerOptions server(NetServerOptions o) {
    return o.setSsl(true).setKeyCertOptions(KeyCertOptions.wrap(keys)).setTrustOptions(TrustOptions.wrap(trust))
        .setClientAuth(ClientAuth.REQUIRED).setEnabledSecureTransportProtocols(Set.of("TLSv1.3"));
  }

  NetClientOptions client(NetClientOptions o) {
    // The peer is checked by its certificate, which only holders of the key can present, not by its host name.
    o.setSsl(true).setKeyCertOptions(KeyCertOptions.wrap(keys)).setTrustOptions(TrustOptions.wrap(trust))
        .setEnabledSecureTransportProtocols(Set.of("TLSv1.3"));
    o.setHostnameVerificationAlgorithm("");
    return o;
  }
}
