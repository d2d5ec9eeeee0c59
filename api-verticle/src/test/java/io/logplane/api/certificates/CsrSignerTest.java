package io.logplane.api.certificates;

import static io.logplane.api.certificates.Fixtures.NOW;
import static io.logplane.api.certificates.Fixtures.condition;
import static io.logplane.api.certificates.Fixtures.withConditions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

class CsrSignerTest {

  private static final KeyPair CA_KEY = Fixtures.ecKey();
  private static final X509Certificate CA = Fixtures.ca(CA_KEY, Duration.ofDays(3650));
  private static final CsrSigner SIGNER = new CsrSigner(CA, CA_KEY.getPrivate(), Clock.fixed(NOW, ZoneOffset.UTC));

  private static ObjectNode approved(ObjectNode csr) {
    return withConditions(csr, condition("Approved", "True"));
  }

  private static X509Certificate parse(String pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The values of one subject attribute, multi-valued RDNs included (comma-joined), or null. */
  private static String rdn(X509Certificate cert, String type) {
    ASN1ObjectIdentifier oid = type.equals("CN") ? BCStyle.CN : BCStyle.O;
    List<String> values = new ArrayList<>();
    for (RDN r : X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(oid)) {
      for (AttributeTypeAndValue atv : r.getTypesAndValues()) {
        values.add(atv.getValue().toString());
      }
    }
    return values.isEmpty() ? null : String.join(",", values);
  }

  @Test
  void signsAKubeletClientRequest() throws Exception {
    KeyPair node = Fixtures.ecKey();
    SignOutcome out = SIGNER.sign(approved(Fixtures.kubeletClientCsr(node, "n1")));
    SignOutcome.Issued issued = assertInstanceOf(SignOutcome.Issued.class, out);
    X509Certificate cert = parse(issued.certificatePem());
    cert.verify(CA.getPublicKey());
    assertEquals(CA.getSubjectX500Principal(), cert.getIssuerX500Principal());
    assertEquals("system:node:n1", rdn(cert, "CN"));
    assertEquals("system:nodes", rdn(cert, "O"));
    assertEquals(node.getPublic(), cert.getPublicKey());
    assertEquals(NOW.minus(Duration.ofMinutes(5)), cert.getNotBefore().toInstant());
    assertEquals(NOW.plus(Duration.ofDays(365)).minus(Duration.ofMinutes(5)), cert.getNotAfter().toInstant());
    assertEquals(List.of("1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());
    boolean[] ku = cert.getKeyUsage();
    assertTrue(ku[0] && ku[2], "digital signature and key encipherment");
    assertFalse(ku[5], "not a cert signer");
    assertEquals(-1, cert.getBasicConstraints());
    assertNull(cert.getSubjectAlternativeNames());
    assertEquals(issued.certificatePem(), new String(Base64.getDecoder().decode(issued.statusCertificate()),
        StandardCharsets.US_ASCII));
    assertEquals(List.of(), CsrValidator.certificateError(issued.certificatePem().getBytes()).stream().toList());
  }

  @Test
  void expirationSecondsShortensTheCertificate() throws Exception {
    ObjectNode csr = approved(Fixtures.kubeletClientCsr(Fixtures.ecKey(), "n1"));
    ((ObjectNode) csr.get("spec")).put("expirationSeconds", 3600);
    X509Certificate cert = parse(((SignOutcome.Issued) SIGNER.sign(csr)).certificatePem());
    assertEquals(NOW.plus(Duration.ofHours(1)), cert.getNotAfter().toInstant(), "short: no backdate at the end");
    ((ObjectNode) csr.get("spec")).put("expirationSeconds", 10L * 365 * 24 * 3600);
    cert = parse(((SignOutcome.Issued) SIGNER.sign(csr)).certificatePem());
    assertEquals(NOW.plus(Duration.ofDays(365)).minus(Duration.ofMinutes(5)), cert.getNotAfter().toInstant());
    assertEquals(Duration.ofMinutes(10), SIGNER.duration(60L));
  }

  @Test
  void neverBeyondTheCa() throws Exception {
    X509Certificate shortCa = Fixtures.ca(CA_KEY, Duration.ofDays(2));
    CsrSigner signer = new CsrSigner(shortCa, CA_KEY.getPrivate(), Clock.fixed(NOW, ZoneOffset.UTC));
    X509Certificate cert = parse(((SignOutcome.Issued) signer.sign(approved(
        Fixtures.kubeletClientCsr(Fixtures.ecKey(), "n1")))).certificatePem());
    assertEquals(shortCa.getNotAfter(), cert.getNotAfter());

    CsrSigner late = new CsrSigner(shortCa, CA_KEY.getPrivate(), Clock.fixed(NOW.plus(Duration.ofDays(3)),
        ZoneOffset.UTC), CsrSigner.DEFAULT_MAX_TTL, new SecureRandom());
    SignOutcome out = late.sign(approved(Fixtures.kubeletClientCsr(Fixtures.ecKey(), "n1")));
    assertEquals(new SignOutcome.Retry("error auto signing csr: the signer has expired: NotAfter=2024-03-03"
        + " 12:00:00 +0000 UTC"), out);
  }

  @Test
  void kubeletSignerRefusesOtherGroups() {
    ObjectNode csr = Fixtures.csr(CertificateRequests.csrPem(Fixtures.ecKey(), "system:node:n1",
        List.of("system:masters")), SignerNames.KUBE_APISERVER_CLIENT_KUBELET, Fixtures.KUBELET_CLIENT_USAGES);
    SignOutcome.Failed failed = assertInstanceOf(SignOutcome.Failed.class, SIGNER.sign(approved(csr)));
    assertEquals("{\"type\":\"Failed\",\"status\":\"True\",\"reason\":\"SignerValidationFailure\",\"message\":"
        + "\"subject organization is not system:nodes\",\"lastUpdateTime\":\"2024-03-01T12:00:00Z\"}",
        failed.condition().toString());
  }

  @Test
  void kubeletSignerRefusesNamesAndOtherCommonNamesAndUsages() {
    KeyPair key = Fixtures.ecKey();
    ObjectNode dns = Fixtures.csr(CertificateRequests.csrPem(key, "system:node:n1", List.of("system:nodes"),
        List.of("n1.example.com"), List.of()), SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
        Fixtures.KUBELET_CLIENT_USAGES);
    assertEquals("DNS subjectAltNames are not allowed", failure(dns));
    ObjectNode ip = Fixtures.csr(CertificateRequests.csrPem(key, "system:node:n1", List.of("system:nodes"),
        List.of(), List.of("10.0.0.1")), SignerNames.KUBE_APISERVER_CLIENT_KUBELET, Fixtures.KUBELET_CLIENT_USAGES);
    assertEquals("IP subjectAltNames are not allowed", failure(ip));
    ObjectNode cn = Fixtures.csr(CertificateRequests.csrPem(key, "alice", List.of("system:nodes")),
        SignerNames.KUBE_APISERVER_CLIENT_KUBELET, Fixtures.KUBELET_CLIENT_USAGES);
    assertEquals("subject common name does not begin with system:node:", failure(cn));
    ObjectNode usages = Fixtures.csr(CertificateRequests.csrPem(key, "system:node:n1", List.of("system:nodes")),
        SignerNames.KUBE_APISERVER_CLIENT_KUBELET, List.of("client auth"));
    assertEquals("usages did not match [client auth digital signature key encipherment]", failure(usages));
  }

  @Test
  void apiServerClientSigner() throws Exception {
    KeyPair key = Fixtures.ecKey();
    ObjectNode server = Fixtures.csr(CertificateRequests.csrPem(key, "alice", List.of("dev")),
        SignerNames.KUBE_APISERVER_CLIENT, List.of("client auth", "server auth"));
    assertEquals("invalid usage for client certificate: server auth", failure(server));
    ObjectNode none = Fixtures.csr(CertificateRequests.csrPem(key, "alice", List.of("dev")),
        SignerNames.KUBE_APISERVER_CLIENT, List.of("digital signature"));
    assertEquals("missing required usage for client certificate: client auth", failure(none));
    ObjectNode ok = Fixtures.csr(CertificateRequests.csrPem(key, "alice", List.of("dev", "ops")),
        SignerNames.KUBE_APISERVER_CLIENT, List.of("client auth"));
    X509Certificate cert = parse(((SignOutcome.Issued) SIGNER.sign(approved(ok))).certificatePem());
    assertEquals("alice", rdn(cert, "CN"));
    assertEquals(List.of("dev", "ops"), List.of(rdn(cert, "O").split(",")));
    assertNull(cert.getKeyUsage());
  }

  @Test
  void kubeletServingSigner() throws Exception {
    KeyPair key = Fixtures.ecKey();
    ObjectNode noNames = Fixtures.csr(CertificateRequests.csrPem(key, "system:node:n1", List.of("system:nodes")),
        SignerNames.KUBELET_SERVING, List.of("digital signature", "server auth"));
    assertEquals("DNS or IP subjectAltName is required", failure(noNames));
    ObjectNode ok = Fixtures.csr(CertificateRequests.csrPem(key, "system:node:n1", List.of("system:nodes"),
        List.of("n1"), List.of("10.0.0.1")), SignerNames.KUBELET_SERVING, List.of("digital signature", "server auth"));
    X509Certificate cert = parse(((SignOutcome.Issued) SIGNER.sign(approved(ok))).certificatePem());
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), cert.getExtendedKeyUsage());
    assertEquals("[[2, n1], [7, 10.0.0.1]]", cert.getSubjectAlternativeNames().toString());
  }

  @Test
  void leavesOtherSignersAndUndecidedRequestsAlone() {
    String pem = CertificateRequests.csrPem(Fixtures.ecKey(), "x", List.of());
    assertEquals(new SignOutcome.NotMine("example.com/other"),
        SIGNER.sign(approved(Fixtures.csr(pem, "example.com/other", List.of("client auth")))));
    assertEquals(new SignOutcome.NotMine(SignerNames.LEGACY_UNKNOWN),
        SIGNER.sign(approved(Fixtures.csr(pem, SignerNames.LEGACY_UNKNOWN, List.of("client auth")))));
    ObjectNode kubelet = Fixtures.kubeletClientCsr(Fixtures.ecKey(), "n1");
    assertInstanceOf(SignOutcome.NothingToDo.class, SIGNER.sign(kubelet));
    assertInstanceOf(SignOutcome.NothingToDo.class, SIGNER.sign(withConditions(kubelet.deepCopy(),
        condition("Approved", "True"), condition("Denied", "True"))));
    assertInstanceOf(SignOutcome.NothingToDo.class, SIGNER.sign(withConditions(kubelet.deepCopy(),
        condition("Approved", "True"), condition("Failed", "True"))));
    ObjectNode issued = approved(kubelet.deepCopy());
    ((ObjectNode) issued.get("status")).put("certificate", "Y2VydA==");
    assertInstanceOf(SignOutcome.NothingToDo.class, SIGNER.sign(issued));
    assertFalse(CsrSigner.signs(SignerNames.LEGACY_UNKNOWN));
    assertTrue(CsrSigner.signs(SignerNames.KUBELET_SERVING));
  }

  @Test
  void aTamperedRequestIsRetriedNotSigned() {
    ObjectNode csr = approved(Fixtures.kubeletClientCsr(Fixtures.ecKey(), "n1"));
    byte[] der = PemBlocks.decode(CsrFields.request(csr)).block().bytes();
    der[der.length - 1] ^= 0x01;
    ((ObjectNode) csr.get("spec")).put("request", Fixtures.base64(PemBlocks.encode("CERTIFICATE REQUEST", der)));
    assertEquals(new SignOutcome.Retry("error auto signing csr: unable to verify certificate request signature:"
        + " x509: ECDSA verification failure"), SIGNER.sign(csr));
  }

  @Test
  void rsaRequests() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair rsa = gen.generateKeyPair();
    ObjectNode csr = approved(Fixtures.csr(CertificateRequests.csrPem(rsa, "bob", List.of()),
        SignerNames.KUBE_APISERVER_CLIENT, List.of("key encipherment", "digital signature", "client auth")));
    assertEquals(Optional.empty(), CsrValidator.requestError(CsrFields.request(csr)));
    X509Certificate cert = parse(((SignOutcome.Issued) SIGNER.sign(csr)).certificatePem());
    assertEquals(rsa.getPublic(), cert.getPublicKey());
    byte[] der = PemBlocks.decode(CsrFields.request(csr)).block().bytes();
    der[der.length - 1] ^= 0x01;
    assertEquals(Optional.of("crypto/rsa: verification error"), CsrValidator.requestError(
        PemBlocks.encode("CERTIFICATE REQUEST", der).getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void anUnparsableRequestIsRetried() {
    ObjectNode csr = approved(Fixtures.csr("junk", SignerNames.KUBE_APISERVER_CLIENT, List.of("client auth")));
    assertEquals(new SignOutcome.Retry("unable to parse csr \"node-csr-1\": PEM block type must be CERTIFICATE"
        + " REQUEST"), SIGNER.sign(csr));
  }

  @Test
  void csrPemRoundTrips() throws Exception {
    KeyPair key = Fixtures.ecKey();
    ParsedCsr p = ParsedCsr.parse(CertificateRequests.csrPem(key, "system:node:n1", List.of("system:nodes"))
        .getBytes(StandardCharsets.US_ASCII));
    assertEquals("system:node:n1", p.commonName());
    assertEquals(List.of("system:nodes"), p.organizations());
    assertTrue(p.checkSignature().isEmpty());
    assertArrayEquals(key.getPublic().getEncoded(), p.publicKey().getEncoded());
  }

  private static String failure(ObjectNode csr) {
    return assertInstanceOf(SignOutcome.Failed.class, SIGNER.sign(approved(csr))).message();
  }
}
