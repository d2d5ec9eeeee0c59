package io.logplane.kubeclient;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and self-signed certificates made on the spot, and their PEM forms. */
public final class TestPki {
  private TestPki() {}

  public static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  public static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  public static X509Certificate selfSigned(KeyPair keys, String cn) throws Exception {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    X500Name name = new X500Name("CN=" + cn);
    String algorithm = keys.getPrivate().getAlgorithm().equals("EC")
        ? "SHA256withECDSA" : "SHA256withRSA";
    var holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
        Date.from(now.plus(3650, ChronoUnit.DAYS)), name, keys.getPublic())
        .build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  /** A self-signed server certificate valid for 127.0.0.1 (an IP subject alternative name). */
  public static X509Certificate localhostServer(KeyPair keys) throws Exception {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    X500Name name = new X500Name("CN=127.0.0.1");
    var holder = new JcaX509v3CertificateBuilder(name, BigInteger.TWO, Date.from(now),
        Date.from(now.plus(3650, ChronoUnit.DAYS)), name, keys.getPublic())
        .addExtension(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName, false,
            new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
                org.bouncycastle.asn1.x509.GeneralName.iPAddress, "127.0.0.1")))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  /** PEM as Bouncy Castle writes it (PKCS#1 for an RSA private key). */
  public static String pem(Object o) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(text)) {
      w.writeObject(o);
    }
    return text.toString();
  }

  /**
   * SEC1 ({@code EC PRIVATE KEY}) with the curve and public key inside, as Go's
   * {@code x509.MarshalECPrivateKey} and openssl write it (Bouncy Castle's writer, fed a
   * JDK key, leaves the curve out).
   */
  public static String sec1(KeyPair keys) throws Exception {
    var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(
        keys.getPrivate().getEncoded());
    var curve = (org.bouncycastle.asn1.ASN1ObjectIdentifier)
        info.getPrivateKeyAlgorithm().getParameters();
    var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
    var spki = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
        keys.getPublic().getEncoded());
    var full = new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(),
        spki.getPublicKeyData(), curve);
    return block("EC PRIVATE KEY", full.getEncoded());
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  /** PKCS#8 ({@code PRIVATE KEY}), as openssl genpkey and Go's x509 write. */
  public static String pkcs8(KeyPair keys) {
    return block("PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  public static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}
