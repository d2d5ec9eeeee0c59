package io.logplane.api.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.selectors.GoStrings;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * kube-controller-manager's {@code csrsigning} controllers for the three kubernetes.io signers
 * this cluster's CA signs for: {@code kube-apiserver-client}, {@code kube-apiserver-client-kubelet}
 * and {@code kubelet-serving}. An approved, not failed, not yet issued request of one of them is
 * checked against its signer's rules (refused with a Failed condition, reason
 * SignerValidationFailure and kube's message) and signed as kube's permissive policy does: subject,
 * SANs and public key from the request, key usages from {@code spec.usages}, not a CA, valid from
 * five minutes ago for {@code expirationSeconds} (at least ten minutes, at most the signer's
 * maximum, one year by default; less the backdate when eight hours or longer), never beyond
 * the CA, random 128-bit serial. Requests of any other signer, {@code legacy-unknown} included,
 * are not this signer's.
 */
public final class CsrSigner {

  /** kube's default {@code --cluster-signing-duration}. */
  public static final Duration DEFAULT_MAX_TTL = Duration.ofDays(365);
  static final Duration BACKDATE = Duration.ofMinutes(5);
  /** Certificates shorter than this are not backdated at the end (5 minutes is ~1% of 8 hours). */
  static final Duration SHORT = Duration.ofHours(8);
  static final Duration MIN_TTL = Duration.ofMinutes(10);
  private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  private final X509Certificate ca;
  private final PrivateKey caKey;
  private final Clock clock;
  private final Duration maxTtl;
  private final SecureRandom random;

  /** A signer with kube's default maximum duration and a fresh random source for serials. */
  public CsrSigner(X509Certificate ca, PrivateKey caKey, Clock clock) {
    this(ca, caKey, clock, DEFAULT_MAX_TTL, new SecureRandom());
  }

  /** @param maxTtl the longest certificate issued (kube's {@code --cluster-signing-duration}) */
  public CsrSigner(X509Certificate ca, PrivateKey caKey, Clock clock, Duration maxTtl, SecureRandom random) {
    this.ca = ca;
    this.caKey = caKey;
    this.clock = clock;
    this.maxTtl = maxTtl;
    this.random = random;
  }

  /** Whether requests for {@code signerName} are this signer's. */
  public static boolean signs(String signerName) {
    return SignerRules.of(signerName) != null;
  }

  /**
   * What to do about {@code csr}, a certificatesigningrequests object as stored: another signer's
   * is {@link SignOutcome.NotMine} whatever its state; one of ours is signed or refused only once
   * approved (and not denied), not failed and not yet issued.
   */
  public SignOutcome sign(JsonNode csr) {
    String signerName = CsrFields.signerName(csr);
    SignerRules.Rule rule = SignerRules.of(signerName);
    if (rule == null) {
      return new SignOutcome.NotMine(signerName);
    }
    if (CsrApproval.hasCertificate(csr)) {
      return new SignOutcome.NothingToDo("already issued");
    }
    if (!CsrApproval.isApproved(csr) || CsrApproval.isFailed(csr)) {
      return new SignOutcome.NothingToDo("not approved, or denied or failed");
    }
    ParsedCsr parsed;
    try {
      byte[] request = CsrFields.request(csr);
      parsed = ParsedCsr.parse(request == null ? new byte[0] : request);
    } catch (ParsedCsr.Invalid e) {
      return new SignOutcome.Retry("unable to parse csr " + GoStrings.quote(csr.path("metadata").path("name")
          .asText("")) + ": " + e.getMessage());
    }
    Instant now = clock.instant();
    List<String> usages = CsrFields.usages(csr);
    Optional<String> refused = rule.check(parsed, usages);
    if (refused.isPresent()) {
      ObjectNode condition = CsrFields.condition(CsrFields.FAILED, "True", "SignerValidationFailure", refused.get())
          .put("lastUpdateTime", CsrFields.format(now));
      return new SignOutcome.Failed(condition);
    }
    JsonNode expiration = csr.path("spec").path("expirationSeconds");
    Duration ttl = duration(expiration.isNumber() ? expiration.asLong() : null);
    try {
      return new SignOutcome.Issued(issue(parsed, usages, ttl, now));
    } catch (SigningException e) {
      return new SignOutcome.Retry("error auto signing csr: " + e.getMessage());
    }
  }

  /** kube's signer duration: the maximum unless a shorter one is asked for, never under ten minutes. */
  Duration duration(Long expirationSeconds) {
    if (expirationSeconds == null) {
      return maxTtl;
    }
    Duration requested = Duration.ofSeconds(expirationSeconds);
    return requested.compareTo(maxTtl) > 0 ? maxTtl : requested.compareTo(MIN_TTL) < 0 ? MIN_TTL : requested;
  }

  /** A signing refusal with kube's message (the controller retries these). */
  private static final class SigningException extends Exception {
    private static final long serialVersionUID = 1L;

    SigningException(String message) {
      super(message, null, false, false);
    }
  }

  private String issue(ParsedCsr csr, List<String> usages, Duration ttl, Instant now) throws SigningException {
    Optional<String> badSignature = csr.checkSignature();
    if (badSignature.isPresent()) {
      throw new SigningException("unable to verify certificate request signature: " + badSignature.get());
    }
    List<String> unrecognized = Usages.unrecognized(usages);
    if (!unrecognized.isEmpty()) {
      throw new SigningException("unrecognized usage values: ["
          + String.join(" ", unrecognized.stream().map(GoStrings::quote).toList()) + "]");
    }
    Instant caNotAfter = ca.getNotAfter().toInstant();
    Instant notBefore = now.minus(BACKDATE);
    Instant notAfter = ttl.compareTo(SHORT) < 0 ? now.plus(ttl) : now.plus(ttl).minus(BACKDATE);
    if (!notAfter.isBefore(caNotAfter)) {
      notAfter = caNotAfter;
    }
    if (!notBefore.isBefore(caNotAfter)) {
      throw new SigningException("the signer has expired: NotAfter=" + goTime(caNotAfter));
    }
    if (!now.isBefore(caNotAfter)) {
      throw new SigningException("refusing to sign a certificate that expired in the past: NotAfter="
          + goTime(caNotAfter));
    }
    BigInteger serial = new BigInteger(128, random);
    X500Name subject = subject(csr);
    try {
      X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, serial,
          Date.from(notBefore.truncatedTo(ChronoUnit.SECONDS)), Date.from(notAfter.truncatedTo(ChronoUnit.SECONDS)),
          subject, csr.publicKey());
      List<GeneralName> sans = new ArrayList<>();
      sans.addAll(csr.dnsNames());
      sans.addAll(csr.emails());
      sans.addAll(csr.ips());
      sans.addAll(csr.uris());
      if (!sans.isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, subject.getRDNs().length == 0,
            new GeneralNames(sans.toArray(GeneralName[]::new)));
      }
      int keyUsage = Usages.keyUsageBits(usages);
      if (keyUsage != 0) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      }
      List<KeyPurposeId> ext = Usages.extKeyUsages(usages);
      if (!ext.isEmpty()) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ext.toArray(KeyPurposeId[]::new)));
      }
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      byte[] caKeyId = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
      if (caKeyId != null) {
        byte[] id = ASN1OctetString.getInstance(ASN1OctetString.getInstance(caKeyId).getOctets()).getOctets();
        b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(id));
      }
      var signer = new JcaContentSignerBuilder(Keys.signatureAlgorithm(caKey)).build(caKey);
      return PemBlocks.encode("CERTIFICATE", b.build(signer).getEncoded());
    } catch (IOException | OperatorCreationException | IllegalArgumentException e) {
      throw new SigningException("failed to sign certificate: " + e.getMessage());
    }
  }

  /** The request's subject as Go rebuilds it: its pkix.Name fields in that order, one RDN per field. */
  private static X500Name subject(ParsedCsr csr) {
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
    for (ASN1ObjectIdentifier field : ParsedCsr.NAME_FIELDS) {
      List<String> values = csr.values(field);
      if (values.size() == 1) {
        b.addRDN(field, values.get(0));
      } else if (values.size() > 1) {
        ASN1ObjectIdentifier[] oids = new ASN1ObjectIdentifier[values.size()];
        Arrays.fill(oids, field);
        b.addMultiValuedRDN(oids, values.toArray(String[]::new));
      }
    }
    return b.build();
  }

  /** An instant as Go's time.Time prints a UTC certificate time. */
  private static String goTime(Instant t) {
    return GO_TIME.format(t) + " +0000 UTC";
  }
}
