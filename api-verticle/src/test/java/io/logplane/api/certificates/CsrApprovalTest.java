package io.logplane.api.certificates;

import static io.logplane.api.certificates.Fixtures.NOW;
import static io.logplane.api.certificates.Fixtures.condition;
import static io.logplane.api.certificates.Fixtures.withConditions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsrApprovalTest {

  private static final KeyPair KEY = Fixtures.ecKey();

  @Test
  void aNodeAskingForItselfIsSelfNodeClient() {
    ObjectNode csr = Fixtures.kubeletClientCsr(KEY, "n1");
    assertTrue(CsrApproval.isNodeClientCsr(csr));
    assertTrue(CsrApproval.isSelfNodeClientCsr(csr));
    assertEquals(List.of(CsrApproval.Recognizer.SELF_NODE_CLIENT, CsrApproval.Recognizer.NODE_CLIENT),
        CsrApproval.recognize(csr));
  }

  @Test
  void aBootstrapTokenAskingForANodeIsNodeClientOnly() {
    ObjectNode csr = Fixtures.kubeletClientCsr(KEY, "n1");
    ((ObjectNode) csr.get("spec")).put("username", "system:bootstrap:abcdef");
    assertTrue(CsrApproval.isNodeClientCsr(csr));
    assertFalse(CsrApproval.isSelfNodeClientCsr(csr));
    assertEquals(List.of(CsrApproval.Recognizer.NODE_CLIENT), CsrApproval.recognize(csr));
    assertEquals("recognized csr \"node-csr-1\" as [nodeclient] but subject access review was not approved",
        CsrApproval.notApprovedMessage("node-csr-1", CsrApproval.recognize(csr)));
  }

  @Test
  void otherRequestsAreNotRecognized() {
    ObjectNode otherSigner = Fixtures.kubeletClientCsr(KEY, "n1");
    ((ObjectNode) otherSigner.get("spec")).put("signerName", SignerNames.KUBE_APISERVER_CLIENT);
    assertEquals(List.of(), CsrApproval.recognize(otherSigner));
    ObjectNode serverUsage = Fixtures.kubeletClientCsr(KEY, "n1");
    ((ObjectNode) serverUsage.get("spec")).putArray("usages").add("digital signature").add("server auth");
    assertEquals(List.of(), CsrApproval.recognize(serverUsage));
    ObjectNode masters = Fixtures.csr(CertificateRequests.csrPem(KEY, "system:node:n1", List.of("system:masters")),
        SignerNames.KUBE_APISERVER_CLIENT_KUBELET, Fixtures.KUBELET_CLIENT_USAGES);
    assertFalse(CsrApproval.isNodeClientCsr(masters));
    ObjectNode garbage = Fixtures.csr("junk", SignerNames.KUBE_APISERVER_CLIENT_KUBELET,
        Fixtures.KUBELET_CLIENT_USAGES);
    assertFalse(CsrApproval.isNodeClientCsr(garbage));
  }

  @Test
  void approvedCondition() {
    assertEquals("{\"type\":\"Approved\",\"status\":\"True\",\"reason\":\"AutoApproved\",\"message\":\"Auto approving"
        + " self kubelet client certificate after SubjectAccessReview.\",\"lastUpdateTime\":\"2024-03-01T12:00:00Z\","
        + "\"lastTransitionTime\":\"2024-03-01T12:00:00Z\"}",
        CsrApproval.Recognizer.SELF_NODE_CLIENT.approvedCondition(NOW).toString());
    assertEquals("Auto approving kubelet client certificate after SubjectAccessReview.",
        CsrApproval.Recognizer.NODE_CLIENT.approvedCondition(NOW).path("message").asText());
    assertEquals("nodeclient", CsrApproval.Recognizer.NODE_CLIENT.subresource());
    assertEquals("selfnodeclient", CsrApproval.Recognizer.SELF_NODE_CLIENT.subresource());
  }

  @Test
  void states() {
    ObjectNode csr = Fixtures.kubeletClientCsr(KEY, "n1");
    assertTrue(CsrApproval.awaitsDecision(csr));
    assertFalse(CsrApproval.isApproved(csr));
    CsrApproval.appendCondition(csr, CsrApproval.Recognizer.NODE_CLIENT.approvedCondition(NOW));
    assertTrue(CsrApproval.isApproved(csr));
    assertFalse(CsrApproval.awaitsDecision(csr));
    ObjectNode denied = withConditions(csr.deepCopy(), condition("Approved", "True"), condition("Denied", "True"));
    assertFalse(CsrApproval.isApproved(denied));
    assertTrue(CsrApproval.isDenied(denied));
    assertTrue(CsrApproval.isFailed(withConditions(csr.deepCopy(), condition("Failed", ""))));
    assertFalse(CsrApproval.isFailed(withConditions(csr.deepCopy(), condition("Failed", "False"))));
    assertFalse(CsrApproval.hasCertificate(csr));
    ((ObjectNode) csr.get("status")).put("certificate", "Y2VydA==");
    assertTrue(CsrApproval.hasCertificate(csr));
  }
}
