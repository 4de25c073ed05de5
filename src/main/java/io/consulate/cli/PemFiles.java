package io.consulate.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * PEM certificates and keys as users bring them (a key as SEC1 EC, PKCS#1 RSA or PKCS#8), and the TLS context the
 * CLI connects with: the CA to trust ({@code -ca-file}) and an optional client certificate ({@code -client-cert},
 * {@code -client-key}). Errors name the file.
 */
final class PemFiles {
  private PemFiles() {}

  static List<X509Certificate> certificates(Path file) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file); PEMParser parser = new PEMParser(r)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder h) out.add(new JcaX509CertificateConverter().getCertificate(h));
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IOException(file + ": not a PEM certificate: " + e.getMessage());
    }
    if (out.isEmpty()) throw new IOException(file + ": no PEM certificate in it");
    return out;
  }

  static PrivateKey key(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file); PEMParser parser = new PEMParser(r)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo()); // SEC1 may omit the public key
        if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
      }
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a PEM private key: " + e.getMessage());
    }
    throw new IOException(file + ": no PEM private key in it (an encrypted key is not supported)");
  }

  /** Trusts the certificates in {@code caFile} (the JDK's own when null); presents {@code cert}+{@code key} if given. */
  static SSLContext context(Path caFile, Path certFile, Path keyFile) throws IOException {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (caFile == null) {
        trust.init((KeyStore) null);
      } else {
        KeyStore cas = KeyStore.getInstance(KeyStore.getDefaultType());
        cas.load(null, null);
        int i = 0;
        for (X509Certificate c : certificates(caFile)) cas.setCertificateEntry("ca-" + i++, c);
        trust.init(cas);
      }
      KeyManagerFactory keys = null;
      if (certFile != null && keyFile != null) {
        KeyStore mine = KeyStore.getInstance(KeyStore.getDefaultType());
        mine.load(null, null);
        mine.setKeyEntry("client", key(keyFile), new char[0], certificates(certFile).toArray(new Certificate[0]));
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(mine, new char[0]);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage());
    }
  }
}
