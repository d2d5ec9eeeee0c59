package io.logplane.api.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Audit;
import org.junit.jupiter.api.Test;

class AuditItemsTest {

  private static final long T = 1_700_000_000_123L;

  private static ResourceType type(String resource) {
    return BuiltinResources.all().stream().filter(t -> t.resource().equals(resource)).findFirst().orElseThrow();
  }

  @Test
  void acceptedCreateMapsToAKubeAuditEvent() {
    Audit a = new Audit(42, T, "alice", "req-1", "create", "apps/deployments/ns/web", true, 201, "", "", 1);
    ObjectNode e = AuditItems.kubeEvent(a, type("deployments"));
    assertEquals("Event", e.path("kind").asText());
    assertEquals("audit.k8s.io/v1", e.path("apiVersion").asText());
    assertEquals("Metadata", e.path("level").asText());
    assertEquals("req-1", e.path("auditID").asText());
    assertEquals("ResponseComplete", e.path("stage").asText());
    assertEquals("/apis/apps/v1/namespaces/ns/deployments", e.path("requestURI").asText());
    assertEquals("create", e.path("verb").asText());
    assertEquals("alice", e.at("/user/username").asText());
    assertEquals("{\"resource\":\"deployments\",\"namespace\":\"ns\",\"name\":\"web\",\"apiGroup\":\"apps\","
        + "\"apiVersion\":\"v1\",\"resourceVersion\":\"42\"}", e.path("objectRef").toString());
    assertEquals("{\"metadata\":{},\"code\":201}", e.path("responseStatus").toString());
    assertEquals("2023-11-14T22:13:20.123000Z", e.path("requestReceivedTimestamp").asText());
    assertEquals("2023-11-14T22:13:20.123000Z", e.path("stageTimestamp").asText());
  }

  @Test
  void refusedUpdateCarriesTheFailureStatus() {
    Audit a = new Audit(43, T, "bob", "req-2", "apply", "core/configmaps/ns/c", false, 409, "Conflict", "stale", 0);
    ObjectNode e = AuditItems.kubeEvent(a, type("configmaps"));
    assertEquals("/api/v1/namespaces/ns/configmaps/c", e.path("requestURI").asText());
    assertEquals("patch", e.path("verb").asText());
    assertFalse(e.path("objectRef").has("apiGroup"));
    assertFalse(e.path("objectRef").has("resourceVersion"));
    assertEquals("{\"metadata\":{},\"status\":\"Failure\",\"message\":\"stale\",\"reason\":\"Conflict\",\"code\":409}",
        e.path("responseStatus").toString());
  }

  @Test
  void clusterScopedAndGenesisRecords() {
    Audit ns = new Audit(1, T, "admin", "r", "delete", "core/namespaces//team", true, 200, "", "", 3);
    assertEquals("/api/v1/namespaces/team", AuditItems.kubeEvent(ns, type("namespaces")).path("requestURI").asText());
    Audit genesis = new Audit(0, T, "system", "g", "genesis", "", true, 200, "", "", 0);
    ObjectNode e = AuditItems.kubeEvent(genesis, null);
    assertFalse(e.has("objectRef"));
    assertEquals("/", e.path("requestURI").asText());
    assertEquals("create", e.path("verb").asText());
    assertEquals("genesis", e.at("/annotations/logplane.io~1record").asText());
  }

  @Test
  void subresourcesAreNamedAsKubeAuditNamesThem() {
    Audit scale = new Audit(7, T, "admin", "r", "patch", "apps/deployments/ns/web", true, 200, "", "", 1, "scale");
    ObjectNode e = AuditItems.kubeEvent(scale, type("deployments"));
    assertEquals("/apis/apps/v1/namespaces/ns/deployments/web/scale", e.path("requestURI").asText());
    assertEquals("scale", e.at("/objectRef/subresource").asText());
    assertEquals("scale", AuditItems.item(scale).at("/objectRef/subresource").asText());
    Audit status = new Audit(8, T, "kubelet", "r", "update", "core/pods/ns/p", false, 422, "Invalid", "x", 0,
        "status");
    assertEquals("/api/v1/namespaces/ns/pods/p/status", AuditItems.kubeEvent(status, type("pods"))
        .path("requestURI").asText());
    Audit binding = new Audit(9, T, "sched", "r", "create", "core/pods/ns/p", true, 201, "", "", 1, "binding");
    assertEquals("/api/v1/namespaces/ns/pods/p/binding", AuditItems.kubeEvent(binding, type("pods"))
        .path("requestURI").asText());
    Audit plain = new Audit(10, T, "admin", "r", "update", "core/pods/ns/p", true, 200, "", "", 1);
    assertFalse(AuditItems.kubeEvent(plain, type("pods")).path("objectRef").has("subresource"));
  }

  @Test
  void itemHasTheOffsetAsNameAndTheObjectRef() {
    Audit a = new Audit(43, T, "bob", "req-2", "update", "core/configmaps/ns/c", false, 409, "Conflict", "stale", 0);
    ObjectNode i = AuditItems.item(a);
    assertEquals("AuditEvent", i.path("kind").asText());
    assertEquals("history.logplane.io/v1", i.path("apiVersion").asText());
    assertEquals("43", i.at("/metadata/name").asText());
    assertEquals("", i.at("/objectRef/group").asText());
    assertEquals("configmaps", i.at("/objectRef/resource").asText());
    assertEquals(false, i.at("/outcome/accepted").asBoolean());
    assertEquals("2023-11-14T22:13:20.123Z", i.path("time").asText());
  }
}
