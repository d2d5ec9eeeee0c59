package io.logplane.api.certificates;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A PKCS#10 request read from {@code spec.request} as kube's {@code ParseCSR} reads it (the first
 * PEM block, which must be a {@code CERTIFICATE REQUEST}), with the subject fields and subject
 * alternative names Go's {@code x509.CertificateRequest} exposes and kube's rules look at.
 *
 * @param subject the subject's values by Go's {@code pkix.Name} field, in request order
 * @param dnsNames DNS SANs; {@code emails}, {@code ips}, {@code uris} the other SAN kinds
 */
record ParsedCsr(PKCS10CertificationRequest request, Map<ASN1ObjectIdentifier, List<String>> subject,
    List<GeneralName> dnsNames, List<GeneralName> emails, List<GeneralName> ips, List<GeneralName> uris) {

  /** A request kube would not parse; the message is the one kube reports. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /** The subject attributes Go's pkix.Name keeps, in the order its ToRDNSequence writes them. */
  static final List<ASN1ObjectIdentifier> NAME_FIELDS = List.of(BCStyle.C, BCStyle.ST, BCStyle.L,
      BCStyle.STREET, BCStyle.POSTAL_CODE, BCStyle.O, BCStyle.OU, BCStyle.CN, BCStyle.SERIALNUMBER);

  /** A key type Go verifies request signatures of, its JCA name and Go's message on a bad signature. */
  private record KeyType(ASN1ObjectIdentifier oid, String jcaName, String failure) {}

  private static final List<KeyType> KEY_TYPES = List.of(
      new KeyType(X9ObjectIdentifiers.id_ecPublicKey, "EC", "x509: ECDSA verification failure"),
      new KeyType(PKCSObjectIdentifiers.rsaEncryption, "RSA", "crypto/rsa: verification error"),
      new KeyType(EdECObjectIdentifiers.id_Ed25519, "Ed25519", "x509: Ed25519 verification failure"));

  static ParsedCsr parse(byte[] pem) throws Invalid {
    PemBlocks.Block block = PemBlocks.decode(pem).block();
    if (block == null || !block.type().equals("CERTIFICATE REQUEST")) {
      throw new Invalid("PEM block type must be CERTIFICATE REQUEST");
    }
    byte[] der = block.bytes();
    if (der.length == 0) {
      throw new Invalid("asn1: syntax error: sequence truncated");
    }
    PKCS10CertificationRequest request;
    try (ASN1InputStream in = new ASN1InputStream(der)) {
      ASN1Primitive outer = in.readObject();
      if (in.available() > 0) {
        throw new Invalid("asn1: syntax error: trailing data");
      }
      request = new PKCS10CertificationRequest(CertificationRequest.getInstance(outer));
      request.getSubjectPublicKeyInfo();
    } catch (IOException e) {
      throw new Invalid("asn1: syntax error: data truncated");
    } catch (RuntimeException e) {
      throw new Invalid("x509: malformed certificate request");
    }
    Map<ASN1ObjectIdentifier, List<String>> subject = new LinkedHashMap<>();
    NAME_FIELDS.forEach(f -> subject.put(f, new ArrayList<>()));
    for (RDN rdn : request.getSubject().getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        List<String> values = subject.get(atv.getType());
        if (values != null && atv.getValue() instanceof ASN1String s) {
          values.add(s.getString());
        }
      }
    }
    List<GeneralName> dns = new ArrayList<>();
    List<GeneralName> emails = new ArrayList<>();
    List<GeneralName> ips = new ArrayList<>();
    List<GeneralName> uris = new ArrayList<>();
    try {
      Extensions ext = request.getRequestedExtensions();
      GeneralNames sans = ext == null ? null : GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName);
      for (GeneralName n : sans == null ? new GeneralName[0] : sans.getNames()) {
        switch (n.getTagNo()) {
          case GeneralName.dNSName -> dns.add(n);
          case GeneralName.rfc822Name -> emails.add(n);
          case GeneralName.iPAddress -> ips.add(n);
          case GeneralName.uniformResourceIdentifier -> uris.add(n);
          default -> { }
        }
      }
    } catch (RuntimeException e) {
      throw new Invalid("x509: malformed extension");
    }
    Map<ASN1ObjectIdentifier, List<String>> frozen = new LinkedHashMap<>();
    subject.forEach((field, values) -> frozen.put(field, List.copyOf(values)));
    return new ParsedCsr(request, Collections.unmodifiableMap(frozen), List.copyOf(dns), List.copyOf(emails),
        List.copyOf(ips), List.copyOf(uris));
  }

  /** Go's {@code Subject.CommonName}: the last CN of the subject, or "". */
  String commonName() {
    return last(BCStyle.CN);
  }

  /** Go's {@code Subject.Organization}: every O value, in order. */
  List<String> organizations() {
    return subject.get(BCStyle.O);
  }

  /** The values of one subject field; CN and serialNumber keep only the last, as in Go. */
  List<String> values(ASN1ObjectIdentifier field) {
    if (field.equals(BCStyle.CN) || field.equals(BCStyle.SERIALNUMBER)) {
      String v = last(field);
      return v.isEmpty() ? List.of() : List.of(v);
    }
    return subject.get(field);
  }

  SubjectPublicKeyInfo publicKey() {
    return request.getSubjectPublicKeyInfo();
  }

  /**
   * The request's signature checked with its own key, as Go's {@code CheckSignature}: empty when
   * it verifies, else Go's message for that key type.
   */
  Optional<String> checkSignature() {
    ASN1ObjectIdentifier keyType = publicKey().getAlgorithm().getAlgorithm();
    KeyType kind = KEY_TYPES.stream().filter(k -> k.oid().equals(keyType)).findFirst().orElse(null);
    String unimplemented = "x509: cannot verify signature: algorithm unimplemented";
    if (kind == null) {
      return Optional.of(unimplemented);
    }
    PublicKey key;
    try {
      // by name: the JDK's providers do not know key factories by OID, as Bouncy Castle asks
      key = KeyFactory.getInstance(kind.jcaName()).generatePublic(new X509EncodedKeySpec(publicKey().getEncoded()));
    } catch (GeneralSecurityException | IOException e) {
      return Optional.of("x509: malformed public key");
    }
    try {
      ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(key);
      return request.isSignatureValid(verifier) ? Optional.empty() : Optional.of(kind.failure());
    } catch (OperatorCreationException | PKCSException e) {
      return Optional.of(unimplemented);
    } catch (RuntimeException e) {
      return Optional.of(kind.failure());
    }
  }

  private String last(ASN1ObjectIdentifier field) {
    List<String> v = subject.get(field);
    return v.isEmpty() ? "" : v.get(v.size() - 1);
  }
}
