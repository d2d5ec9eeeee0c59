package io.logplane.controllers.ingress;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A private key and its certificate chain: a {@code kubernetes.io/tls} Secret's, or the default one. */
record TlsKey(PrivateKey key, X509Certificate[] chain) {

  /** The key and chain of PEM {@code tls.key} and {@code tls.crt}; fails on what does not parse. */
  static TlsKey fromPem(byte[] keyPem, byte[] certPem) throws IOException, GeneralSecurityException {
    Object parsed;
    try (PEMParser p = new PEMParser(new StringReader(new String(keyPem, StandardCharsets.US_ASCII)))) {
      parsed = p.readObject();
    }
    JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
    PrivateKey key;
    if (parsed instanceof PEMKeyPair kp) {
      key = conv.getPrivateKey(kp.getPrivateKeyInfo());
    } else if (parsed instanceof PrivateKeyInfo info) {
      key = conv.getPrivateKey(info);
    } else {
      throw new GeneralSecurityException("tls.key holds no PEM private key");
    }
    X509Certificate[] chain = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(certPem)).toArray(new X509Certificate[0]);
    if (chain.length == 0) {
      throw new GeneralSecurityException("tls.crt holds no certificate");
    }
    return new TlsKey(key, chain);
  }

  /**
   * A self-signed certificate for the hosts no Secret serves, as ingress-nginx's "Kubernetes
   * Ingress Controller Fake Certificate"; made at each start, never stored.
   */
  static TlsKey selfSigned() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = gen.generateKeyPair();
      X500Name name = new X500Name("O=Acme Co,CN=Logplane Ingress Controller Fake Certificate");
      Instant now = Instant.now();
      var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))), name, kp.getPublic());
      b.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, "ingress.local")));
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
      return new TlsKey(kp.getPrivate(), new X509Certificate[] {cert});
    } catch (Exception e) {
      throw new IllegalStateException("making the default certificate failed", e);
    }
  }
}
