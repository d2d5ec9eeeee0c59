package io.logplane.api.certificates;

import java.io.IOException;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Certificate;

/** The DER side of {@code status.certificate}: whether a CERTIFICATE block holds certificates. */
final class Certificates {

  private Certificates() {}

  /**
   * Why Go's {@code x509.ParseCertificates} refuses the DER of one block (it reads certificates
   * one after the other until the bytes end), or kube's own refusal of a block with none.
   */
  static Optional<String> derError(byte[] der) {
    if (der.length == 0) {
      return Optional.of("found CERTIFICATE PEM block containing 0 certificates");
    }
    try (ASN1InputStream in = new ASN1InputStream(der)) {
      ASN1Primitive next;
      while ((next = in.readObject()) != null) {
        Certificate.getInstance(next);
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of("x509: malformed certificate");
    }
  }
}
