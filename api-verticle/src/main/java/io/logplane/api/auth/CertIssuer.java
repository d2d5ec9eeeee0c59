package io.logplane.api.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes EC P-256 key pairs and X.509 v3 certificates with the extensions TLS stacks check:
 * basic constraints, key usage, extended key usage, subject/authority key identifiers. Uses the
 * JDK's providers only, so nothing is registered globally.
 */
final class CertIssuer {

  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration LEAF_VALIDITY = Duration.ofDays(365);
  /** Backdating notBefore lets a node whose clock is a little behind accept a fresh certificate. */
  private static final Duration BACKDATE = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertIssuer() {}

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 unavailable in this JDK", e);
    }
  }

  static X500Name name(String commonName, Collection<String> organizations) {
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
    organizations.forEach(o -> b.addRDN(BCStyle.O, o));
    return b.addRDN(BCStyle.CN, commonName).build();
  }

  static X509Certificate selfSignedCa(KeyPair kp, String commonName, Instant now) {
    X500Name subject = name(commonName, List.of());
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = builder(subject, subject, kp.getPublic(), now, CA_VALIDITY)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
          .addExtension(Extension.subjectKeyIdentifier, false,
              ext.createSubjectKeyIdentifier(kp.getPublic()));
      return sign(b, kp.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot build CA certificate", e);
    }
  }

  /**
   * A leaf certificate for {@code key}, signed by {@code ca}; {@code sans} (canonical form, see
   * {@link SubjectAltNames}) may be empty.
   */
  static X509Certificate issue(X509Certificate ca, PrivateKey caKey, X500Name subject, PublicKey key,
      KeyPurposeId purpose, Collection<String> sans, Instant now, Duration validity) {
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder b = builder(issuer, subject, key, now, validity)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key))
          .addExtension(Extension.authorityKeyIdentifier, false,
              ext.createAuthorityKeyIdentifier(ca));
      if (!sans.isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, false, SubjectAltNames.toGeneralNames(sans));
      }
      return sign(b, caKey);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue certificate for " + subject, e);
    }
  }

  /** True when {@code key} is the private half of {@code cert}'s public key (a test signature). */
  static boolean keyMatches(X509Certificate cert, PrivateKey key) {
    try {
      byte[] probe = "logplane key check".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(signatureAlgorithm(key));
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(signatureAlgorithm(key));
      v.initVerify(cert.getPublicKey());
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
      Instant now, Duration validity) {
    BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
    return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(BACKDATE)),
        Date.from(now.plus(validity)), subject, key);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
      throws GeneralSecurityException {
    try {
      var holder = b.build(new JcaContentSignerBuilder(signatureAlgorithm(signer)).build(signer));
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign with " + signer.getAlgorithm(), e);
    }
  }

  /** A CA loaded from disk may hold an RSA key; everything this class generates is EC. */
  private static String signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> throw new IllegalStateException("unsupported key algorithm " + key.getAlgorithm());
    };
  }
}
