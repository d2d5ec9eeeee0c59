package io.logplane.api.certificates;

import static io.logplane.api.certificates.Fixtures.condition;
import static io.logplane.api.certificates.Fixtures.csr;
import static io.logplane.api.certificates.Fixtures.lines;
import static io.logplane.api.certificates.Fixtures.withConditions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsrValidatorTest {

  private static final KeyPair KEY = Fixtures.ecKey();
  private static final String PEM = CertificateRequests.csrPem(KEY, "system:node:n1", List.of("system:nodes"));
  private static final List<String> USAGES = Fixtures.KUBELET_CLIENT_USAGES;
  private static final String SIGNER = SignerNames.KUBE_APISERVER_CLIENT_KUBELET;

  private static List<String> create(ObjectNode csr) {
    FieldErrors errors = new FieldErrors();
    new CsrValidator().validate(csr, errors);
    return lines(errors);
  }

  @Test
  void aSignedRequestIsValid() {
    assertEquals(List.of(), create(csr(PEM, SIGNER, USAGES)));
  }

  @Test
  void notAPemRequest() {
    assertEquals(List.of("spec.request: Invalid value: []byte{0x6e, 0x6f, 0x70, 0x65}: PEM block type must be"
        + " CERTIFICATE REQUEST"), create(csr("nope", SIGNER, USAGES)));
    assertEquals(List.of("spec.request: Invalid value: []byte(nil): PEM block type must be CERTIFICATE REQUEST"),
        create(csr(null, SIGNER, USAGES)));
  }

  @Test
  void anotherPemBlockType() {
    String pem = PEM.replace("CERTIFICATE REQUEST", "CERTIFICATE");
    assertEquals(List.of("PEM block type must be CERTIFICATE REQUEST"), details(create(csr(pem, SIGNER, USAGES))));
  }

  @Test
  void aBadSignature() {
    byte[] der = PemBlocks.decode(PEM.getBytes()).block().bytes();
    der[der.length - 1] ^= 0x01;
    String pem = PemBlocks.encode("CERTIFICATE REQUEST", der);
    assertEquals(List.of("x509: ECDSA verification failure"), details(create(csr(pem, SIGNER, USAGES))));
  }

  @Test
  void garbageInsideTheBlock() {
    String pem = PemBlocks.encode("CERTIFICATE REQUEST", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01, 0x00});
    assertEquals(List.of("asn1: syntax error: trailing data"), details(create(csr(pem, SIGNER, USAGES))));
    String integer = PemBlocks.encode("CERTIFICATE REQUEST", new byte[] {0x02, 0x01, 0x01});
    assertEquals(List.of("x509: malformed certificate request"), details(create(csr(integer, SIGNER, USAGES))));
    String truncated = PemBlocks.encode("CERTIFICATE REQUEST", new byte[] {0x30, 0x05, 0x02, 0x01});
    assertEquals(List.of("asn1: syntax error: data truncated"), details(create(csr(truncated, SIGNER, USAGES))));
  }

  @Test
  void anUpdateOfTheObjectKeepsSpecAndStatus() {
    ObjectNode old = withConditions(csr(PEM, SIGNER, USAGES), condition("Approved", "True"));
    ObjectNode csr = csr(PEM, "example.com/other", List.of("server auth"));
    CsrValidator v = new CsrValidator();
    v.prepareUpdate(old, csr);
    FieldErrors errors = new FieldErrors();
    v.validate(csr, errors);
    v.validateUpdate(old, csr, errors);
    assertEquals(List.of(), lines(errors));
    assertEquals(old, csr);
  }

  @Test
  void base64IsADecodingError() {
    ObjectNode csr = csr(PEM, SIGNER, USAGES);
    assertEquals(Optional.empty(), CsrValidator.decodingError(csr));
    ((ObjectNode) csr.get("spec")).put("request", "LS0t!");
    assertEquals(Optional.of("illegal base64 data at input byte 4"), CsrValidator.decodingError(csr));
  }

  @Test
  void unknownAndDuplicateUsages() {
    List<String> errors = create(csr(PEM, SignerNames.KUBE_APISERVER_CLIENT,
        List.of("client auth", "frobnicate", "client auth")));
    assertEquals(2, errors.size());
    assertTrue(errors.get(0).startsWith("spec.usages[1]: Unsupported value: \"frobnicate\": supported values:"
        + " \"any\", \"cert sign\", \"client auth\", \"code signing\","), errors.get(0));
    assertTrue(errors.get(0).endsWith("\"s/mime\", \"server auth\", \"signing\", \"timestamping\""), errors.get(0));
    assertEquals("spec.usages[2]: Duplicate value: \"client auth\"", errors.get(1));
    assertEquals(List.of("spec.usages: Required value"), create(csr(PEM, SIGNER, List.of())));
  }

  @Test
  void signerNames() {
    assertEquals(List.of("spec.signerName: Required value"), create(csr(PEM, "", USAGES)));
    assertEquals(List.of("spec.signerName: Invalid value: \"kubernetes.io/legacy-unknown\": the legacy signerName"
        + " is not allowed via this API version"), create(csr(PEM, SignerNames.LEGACY_UNKNOWN, USAGES)));
    assertEquals(List.of("spec.signerName: Invalid value: \"a/b/c\": must be a fully qualified domain and path of"
        + " the form 'example.com/signer-name'"), create(csr(PEM, "a/b/c", USAGES)));
    assertEquals(List.of("spec.signerName: Invalid value: \"example\": should be a domain with at least two segments"
        + " separated by dots"), create(csr(PEM, "example/signer", USAGES)));
    assertEquals(List.of("spec.signerName: Invalid value: \"Example.com\": validating label \"Example\": a lowercase"
        + " RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an"
        + " alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is"
        + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"), create(csr(PEM, "Example.com/s", USAGES)));
    List<String> emptyPath = create(csr(PEM, "example.com/", USAGES));
    assertEquals(1, emptyPath.size());
    assertTrue(emptyPath.get(0).startsWith("spec.signerName: Invalid value: \"\": validating label \"\": a lowercase"
        + " RFC 1123 subdomain"), emptyPath.get(0));
    assertEquals(List.of(), create(csr(PEM, "example.com/my-signer.v1", USAGES)));
  }

  @Test
  void expirationSecondsAtLeastTenMinutes() {
    ObjectNode csr = csr(PEM, SIGNER, USAGES);
    ((ObjectNode) csr.get("spec")).put("expirationSeconds", 599);
    assertEquals(List.of("spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 600"
        + " seconds (10 minutes)"), create(csr));
    ((ObjectNode) csr.get("spec")).put("expirationSeconds", 600);
    assertEquals(List.of(), create(csr));
  }

  @Test
  void conditions() {
    assertEquals(List.of("status.conditions[1].type: Invalid value: \"Denied\": Approved and Denied conditions are"
        + " mutually exclusive"), create(withConditions(csr(PEM, SIGNER, USAGES), condition("Approved", "True"),
            condition("Denied", "True"))));
    assertEquals(List.of("status.conditions[0].status: Unsupported value: \"False\": supported values: \"True\"",
        "status.conditions[1].type: Duplicate value: \"Approved\""), create(withConditions(csr(PEM, SIGNER, USAGES),
            condition("Approved", "False"), condition("Approved", "True"))));
    assertEquals(List.of("status.conditions[0].type: Required value", "status.conditions[0].status: Required value",
        "status.conditions[1].status: Unsupported value: \"Maybe\": supported values: \"False\", \"True\","
            + " \"Unknown\""), create(withConditions(csr(PEM, SIGNER, USAGES), condition("", ""),
                condition("Custom", "Maybe"))));
    assertEquals(List.of(), create(withConditions(csr(PEM, SIGNER, USAGES), condition("Custom", "False"))));
  }

  @Test
  void statusCertificate() {
    ObjectNode csr = csr(PEM, SIGNER, USAGES);
    csr.putObject("status").put("certificate", Fixtures.base64("junk"));
    assertEquals(List.of("status.certificate: Invalid value: \"<certificate data>\": must contain at least one"
        + " CERTIFICATE PEM block"), create(csr));
    csr.putObject("status").put("certificate", Fixtures.base64(PEM));
    assertEquals(List.of("status.certificate: Invalid value: \"<certificate data>\": only CERTIFICATE PEM blocks are"
        + " allowed, found \"CERTIFICATE REQUEST\""), create(csr));
    csr.putObject("status").put("certificate", Fixtures.base64(PemBlocks.encode("CERTIFICATE", new byte[0])));
    assertEquals(List.of("status.certificate: Invalid value: \"<certificate data>\": found CERTIFICATE PEM block"
        + " containing 0 certificates"), create(csr));
    csr.putObject("status").put("certificate", Fixtures.base64(caPem() + caPem()));
    assertEquals(List.of(), create(csr));
  }

  @Test
  void anUpdateMayNotTouchApprovalNorCertificate() {
    ObjectNode old = csr(PEM, SIGNER, USAGES);
    ObjectNode added = withConditions(old.deepCopy(), condition("Approved", "True"));
    FieldErrors errors = new FieldErrors();
    new CsrValidator().validateUpdate(old, added, errors);
    assertEquals(List.of("status.conditions: Forbidden: updates may not add a condition of type \"Approved\""),
        lines(errors));

    ObjectNode withCert = old.deepCopy();
    withCert.putObject("status").put("certificate", Fixtures.base64(caPem()));
    errors = new FieldErrors();
    new CsrValidator().validateUpdate(old, withCert, errors);
    assertEquals(List.of("status.certificate: Forbidden: updates may not set certificate content"), lines(errors));
  }

  @Test
  void statusSubresourceSetsTheCertificateOnce() {
    ObjectNode old = withConditions(csr(PEM, SIGNER, USAGES), condition("Approved", "True"));
    ObjectNode issued = old.deepCopy();
    ((ObjectNode) issued.get("status")).put("certificate", Fixtures.base64(caPem()));
    FieldErrors errors = new FieldErrors();
    CsrValidator.validateStatusUpdate(old, issued, errors);
    assertEquals(List.of(), lines(errors));

    ObjectNode replaced = issued.deepCopy();
    ((ObjectNode) replaced.get("status")).put("certificate", Fixtures.base64(caPem() + caPem()));
    errors = new FieldErrors();
    CsrValidator.validateStatusUpdate(issued, replaced, errors);
    assertEquals(List.of("status.certificate: Forbidden: updates may not modify existing certificate content"),
        lines(errors));

    ObjectNode changed = withConditions(old.deepCopy(), condition("Approved", "True").put("reason", "Other"));
    errors = new FieldErrors();
    CsrValidator.validateStatusUpdate(old, changed, errors);
    assertEquals(1, errors.size());
    assertEquals("status.conditions: Forbidden: updates may not modify a condition of type \"Approved\"\n"
        + "- [0].reason: \"\"\n+ [0].reason: \"Other\"\n", lines(errors).get(0));
  }

  @Test
  void approvalSubresourceAddsButNeverRemoves() {
    ObjectNode old = csr(PEM, SIGNER, USAGES);
    ObjectNode approved = withConditions(old.deepCopy(), condition("Approved", "True"));
    FieldErrors errors = new FieldErrors();
    CsrValidator.validateApprovalUpdate(old, approved, errors);
    assertEquals(List.of(), lines(errors));

    ObjectNode removed = withConditions(old.deepCopy());
    errors = new FieldErrors();
    CsrValidator.validateApprovalUpdate(approved, removed, errors);
    assertEquals(List.of("status.conditions: Forbidden: updates may not remove a condition of type \"Approved\""),
        lines(errors));

    // Approved and Denied together are refused, but tolerated once stored
    ObjectNode both = withConditions(old.deepCopy(), condition("Approved", "True"), condition("Denied", "True"));
    errors = new FieldErrors();
    CsrValidator.validateApprovalUpdate(approved, both, errors);
    assertEquals(1, errors.size());
    errors = new FieldErrors();
    CsrValidator.validateApprovalUpdate(both, both.deepCopy(), errors);
    assertEquals(List.of(), lines(errors));
  }

  private static String caPem() {
    return Fixtures.anyCertificatePem();
  }

  /** The detail after the value of each error. */
  private static List<String> details(List<String> errors) {
    return errors.stream().map(e -> e.replaceFirst("^.*?(\\}|\\(nil\\)): ", "")).toList();
  }
}
