package io.consulate.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The certificates {@code consul tls} makes: an ECDSA P-256 CA, and server or client certificates it signs for
 * {@code server.<dc>.<domain>} / {@code client.<dc>.<domain>} plus {@code localhost} and 127.0.0.1, usable for TLS
 * in both directions. Signed with the JDK's own providers; Bouncy Castle only builds the structures and the PEM.
 */
final class Certificates {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Certificates() {}

  record Issued(X509Certificate certificate, PrivateKey key) {}

  static Issued ca(String commonName, int days) throws GeneralSecurityException {
    KeyPair keys = ecKeys();
    X500Name name = new X500Name("CN=" + commonName + ",O=HashiCorp Inc.,OU=Consul CA");
    X509v3CertificateBuilder b = builder(name, name, keys, days);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return new Issued(sign(b, keys.getPrivate()), keys.getPrivate());
  }

  /** A leaf certificate for TLS, server and client authentication both, as Consul's are. */
  static Issued leaf(Issued ca, String commonName, List<String> dnsNames, List<String> ips, int days)
      throws GeneralSecurityException {
    KeyPair keys = ecKeys();
    X509v3CertificateBuilder b = builder(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
        new X500Name("CN=" + commonName), keys, days);
    List<GeneralName> names = new ArrayList<>();
    for (String d : dnsNames) names.add(new GeneralName(GeneralName.dNSName, d));
    for (String ip : ips) names.add(new GeneralName(GeneralName.iPAddress, ip));
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return new Issued(sign(b, ca.key()), keys.getPrivate());
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, int days) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM), Date.from(now.minus(Duration.ofMinutes(1))),
        Date.from(now.plus(Duration.ofDays(days))), subject, keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) throws GeneralSecurityException {
    try {
      X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /**
   * PEM text of a certificate or a private key. A key is written as PKCS#8 ({@code PRIVATE KEY}), which names its
   * curve; Consul writes SEC1, but the JDK's keys carry their curve only in the PKCS#8 wrapper, and every TLS stack
   * (Consul's included) reads PKCS#8.
   */
  static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      if (o instanceof PrivateKey key) w.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
      else w.writeObject(o);
    }
    return out.toString();
  }
}
