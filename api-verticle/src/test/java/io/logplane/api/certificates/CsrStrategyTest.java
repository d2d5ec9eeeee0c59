package io.logplane.api.certificates;

import static io.logplane.api.certificates.Fixtures.JSON;
import static io.logplane.api.certificates.Fixtures.NOW;
import static io.logplane.api.certificates.Fixtures.condition;
import static io.logplane.api.certificates.Fixtures.withConditions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsrStrategyTest {

  private static ObjectNode stored() {
    ObjectNode csr = Fixtures.csr("pem", SignerNames.KUBE_APISERVER_CLIENT, List.of("client auth"));
    ((ObjectNode) csr.get("spec")).put("username", "alice");
    return csr;
  }

  @Test
  void createTakesTheRequesterAndEmptiesTheStatus() {
    ObjectNode csr = stored();
    ObjectNode spec = (ObjectNode) csr.get("spec");
    spec.put("username", "mallory").put("uid", "forged").putArray("groups").add("system:masters");
    withConditions(csr, condition("Approved", "True"));
    CsrStrategy.prepareCreate(csr, "system:node:n1", "", List.of("system:nodes", "system:authenticated"),
        Map.of("scope", List.of("a", "b")));
    assertEquals("system:node:n1", spec.path("username").asText());
    assertFalse(spec.has("uid"));
    assertEquals("[\"system:nodes\",\"system:authenticated\"]", spec.get("groups").toString());
    assertEquals("{\"scope\":[\"a\",\"b\"]}", spec.get("extra").toString());
    assertEquals("{}", csr.get("status").toString());

    ObjectNode anonymous = stored();
    CsrStrategy.prepareCreate(anonymous, null, null, null, null);
    assertFalse(anonymous.get("spec").has("username"));
  }

  @Test
  void anUpdateKeepsSpecAndStatus() {
    ObjectNode old = withConditions(stored(), condition("Approved", "True"));
    ObjectNode csr = stored();
    ((ObjectNode) csr.get("spec")).put("signerName", "example.com/other");
    ((ObjectNode) csr.get("metadata")).putObject("labels").put("a", "b");
    CsrStrategy.prepareUpdate(old, csr);
    assertEquals(old.get("spec"), csr.get("spec"));
    assertEquals(old.get("status"), csr.get("status"));
    assertEquals("b", csr.path("metadata").path("labels").path("a").asText());
  }

  @Test
  void statusKeepsSpecAndApprovalAndStampsConditions() {
    ObjectNode approved = condition("Approved", "True").put("reason", "ByHand")
        .put("lastUpdateTime", "2024-01-01T00:00:00Z").put("lastTransitionTime", "2024-01-01T00:00:00Z");
    ObjectNode old = withConditions(stored(), approved,
        condition("Ready", "False").put("lastTransitionTime", "2024-02-01T00:00:00Z"));
    ObjectNode csr = withConditions(stored(), condition("Approved", "True").put("reason", "Changed"),
        condition("Ready", "False"), condition("Failed", "True"));
    ((ObjectNode) csr.get("spec")).put("username", "bob");
    ((ObjectNode) csr.get("status")).put("certificate", "Y2VydA==");
    CsrStrategy.prepareStatusUpdate(old, csr, NOW);
    assertEquals(old.get("spec"), csr.get("spec"));
    assertEquals("Y2VydA==", csr.path("status").path("certificate").asText());
    assertEquals(approved, csr.path("status").path("conditions").get(0));
    ObjectNode ready = (ObjectNode) csr.path("status").path("conditions").get(1);
    assertEquals("2024-03-01T12:00:00Z", ready.path("lastUpdateTime").asText());
    assertEquals("2024-02-01T00:00:00Z", ready.path("lastTransitionTime").asText());
    ObjectNode failed = (ObjectNode) csr.path("status").path("conditions").get(2);
    assertEquals("2024-03-01T12:00:00Z", failed.path("lastTransitionTime").asText());
  }

  @Test
  void approvalChangesOnlyConditions() {
    ObjectNode old = stored();
    old.putObject("status").put("certificate", "b2xk");
    ObjectNode csr = withConditions(stored(), condition("Approved", "True").put("reason", "AutoApproved"));
    ((ObjectNode) csr.get("status")).put("certificate", "bmV3");
    ((ObjectNode) csr.get("spec")).put("username", "bob");
    CsrStrategy.prepareApprovalUpdate(old, csr, NOW);
    assertEquals(old.get("spec"), csr.get("spec"));
    ObjectNode expected = JSON.createObjectNode().put("certificate", "b2xk");
    expected.putArray("conditions").add(condition("Approved", "True").put("reason", "AutoApproved")
        .put("lastUpdateTime", "2024-03-01T12:00:00Z").put("lastTransitionTime", "2024-03-01T12:00:00Z"));
    assertEquals(expected, csr.get("status"));
  }
}
