package io.logplane.api.patch;

import static io.logplane.api.patch.Fixtures.DEPLOYMENTS;
import static io.logplane.api.patch.Fixtures.raw;
import static io.logplane.api.patch.Fixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-side apply on Deployments: ownership, pruning, conflicts and force. */
class ServerSideApplyTest {

  static final String T1 = "2024-05-01T10:00:00Z";
  static final String T2 = "2024-05-01T11:00:00Z";

  static final String CONFIG = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {app: web}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: web
              image: nginx:1
              ports: [{containerPort: 80}]
      """;

  static ObjectNode apply(ObjectNode current, String config, String manager, boolean force) {
    return ServerSideApply.apply(current, raw(config), manager, force, DEPLOYMENTS, T2);
  }

  static JsonNode entry(ObjectNode obj, String manager) {
    for (JsonNode e : obj.at("/metadata/managedFields")) {
      if (e.get("manager").asText().equals(manager)) {
        return e;
      }
    }
    return null;
  }

  static String fields(ObjectNode obj, String manager) {
    JsonNode e = entry(obj, manager);
    return e == null ? null : Json.text(e.get("fieldsV1"));
  }

  @Test
  void createByApplyRecordsKubesFieldsV1() {
    ObjectNode o = ServerSideApply.apply(null, raw(CONFIG), "kubectl", false, DEPLOYMENTS, T1);
    JsonNode e = entry(o, "kubectl");
    assertEquals(yaml("{manager: kubectl, operation: Apply, apiVersion: apps/v1, time: '" + T1
        + "', fieldsType: FieldsV1}"), ((ObjectNode) e.deepCopy()).without("fieldsV1"));
    assertEquals("{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},\"f:spec\":{\"f:replicas\":{},\"f:selector\":{},"
        + "\"f:template\":{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},\"f:spec\":{\"f:containers\":{"
        + "\"k:{\\\"name\\\":\\\"web\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{},\"f:ports\":{"
        + "\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:containerPort\":{}}}}}}}}}",
        fields(o, "kubectl"));
    assertEquals(yaml(CONFIG), Ownership.withoutManagedFields(o));
  }

  @Test
  void reapplyingIsANoOpThatRefreshesTheTime() {
    ObjectNode o = ServerSideApply.apply(null, raw(CONFIG), "kubectl", false, DEPLOYMENTS, T1);
    ObjectNode again = apply(o, CONFIG, "kubectl", false);
    assertEquals(Ownership.withoutManagedFields(o), Ownership.withoutManagedFields(again));
    assertEquals(T2, entry(again, "kubectl").get("time").asText());
    assertEquals(fields(o, "kubectl"), fields(again, "kubectl"));
  }

  @Test
  void fieldsDroppedFromTheConfigAreRemoved() {
    ObjectNode o = apply(null, CONFIG, "kubectl", false);
    ObjectNode r = apply(o, CONFIG.replace("  labels: {app: web}\nspec", "spec").replace("replicas: 2\n  ", ""),
        "kubectl", false);
    assertTrue(r.at("/metadata/labels").isMissingNode(), r.toString());
    assertTrue(r.at("/spec/replicas").isMissingNode());
    assertTrue(!fields(r, "kubectl").contains("f:replicas"));
  }

  @Test
  void droppedFieldsOwnedByAnotherManagerStay() {
    ObjectNode o = apply(null, CONFIG, "kubectl", false);
    ObjectNode shared = apply(o, "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {replicas: 2}}",
        "hpa", false);
    assertEquals("{\"f:spec\":{\"f:replicas\":{}}}", fields(shared, "hpa"));
    ObjectNode r = apply(shared, CONFIG.replace("replicas: 2\n  ", ""), "kubectl", false);
    assertEquals(2, r.at("/spec/replicas").asInt());
    assertEquals("{\"f:spec\":{\"f:replicas\":{}}}", fields(r, "hpa"));
  }

  @Test
  void changingAFieldAnUpdateOwnsConflictsLikeKube() {
    ObjectNode created = ServerSideApply.trackUpdate(null, yaml(CONFIG), "kubectl-client-side-apply",
        ServerSideApply.UPDATE, DEPLOYMENTS, T1);
    PatchException e = assertThrows(PatchException.class,
        () -> apply(created, CONFIG.replace("replicas: 2", "replicas: 3"), "kubectl", false));
    assertEquals(409, e.code());
    assertEquals("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: "
        + ".spec.replicas", e.getMessage());
    assertEquals(List.of(new PatchException.Cause("FieldManagerConflict",
        "conflict with \"kubectl-client-side-apply\" using apps/v1", ".spec.replicas")), e.causes());
  }

  @Test
  void applyingTheSameValueSharesOwnership() {
    ObjectNode created = ServerSideApply.trackUpdate(null, yaml(CONFIG), "kubectl-create",
        ServerSideApply.UPDATE, DEPLOYMENTS, T1);
    ObjectNode r = apply(created, CONFIG, "kubectl", false);
    assertTrue(fields(r, "kubectl").contains("f:replicas"));
    assertTrue(fields(r, "kubectl-create").contains("f:replicas"));
    assertEquals("Apply", r.at("/metadata/managedFields/0/operation").asText(), "Apply entries sort first");
  }

  @Test
  void forceTakesOwnership() {
    ObjectNode created = ServerSideApply.trackUpdate(null, yaml(CONFIG), "kubectl-client-side-apply",
        ServerSideApply.UPDATE, DEPLOYMENTS, T1);
    ObjectNode r = apply(created, CONFIG.replace("replicas: 2", "replicas: 3"), "kubectl", true);
    assertEquals(3, r.at("/spec/replicas").asInt());
    assertTrue(!fields(r, "kubectl-client-side-apply").contains("f:replicas"));
    assertTrue(fields(r, "kubectl-client-side-apply").contains("f:image"));
    assertTrue(fields(r, "kubectl").contains("f:replicas"));
  }

  @Test
  void severalConflictsAreGroupedByManager() {
    ObjectNode o = apply(null, CONFIG, "alice", false);
    PatchException e = assertThrows(PatchException.class, () -> apply(o,
        CONFIG.replace("replicas: 2", "replicas: 5").replace("nginx:1", "nginx:2"), "bob", false));
    assertEquals("Apply failed with 2 conflicts: conflicts with \"alice\":\n- .spec.replicas\n"
        + "- .spec.template.spec.containers[name=\"web\"].image", e.getMessage());
    assertEquals(2, e.causes().size());
  }

  @Test
  void keyedListItemsBelongToTheirAppliers() {
    ObjectNode o = apply(null, CONFIG, "alice", false);
    String sidecar = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec: {template: {spec: {containers: [{name: log, image: busybox}]}}}
        """;
    ObjectNode both = apply(o, sidecar, "bob", false);
    assertEquals(List.of("web", "log"), names(both));
    ObjectNode bobLeaves = apply(both, "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}}", "bob", false);
    assertEquals(List.of("web"), names(bobLeaves));
    assertNull(entry(bobLeaves, "bob"));
  }

  @Test
  void appliedItemsInterleaveAsStructuredMergeDiffOrdersThem() {
    ObjectNode o = apply(null, withContainers("{name: b, image: b}"), "alice", false);
    ObjectNode withC = apply(o, """
        {apiVersion: apps/v1, kind: Deployment, metadata: {name: web},
         spec: {template: {spec: {containers: [{name: c, image: c}]}}}}""", "bob", false);
    assertEquals(List.of("web", "b", "c"), names(withC));
    ObjectNode r = apply(withC, withContainers("{name: d, image: d}", "{name: b, image: b}"), "alice", false);
    assertEquals(List.of("web", "d", "b", "c"), names(r));
  }

  /** CONFIG with more containers after web. */
  static String withContainers(String... items) {
    StringBuilder b = new StringBuilder("ports: [{containerPort: 80}]");
    for (String i : items) {
      b.append("\n      - ").append(i);
    }
    return CONFIG.replace("ports: [{containerPort: 80}]", b.toString());
  }

  static List<String> names(ObjectNode o) {
    List<String> names = new java.util.ArrayList<>();
    o.at("/spec/template/spec/containers").forEach(c -> names.add(c.get("name").asText()));
    return names;
  }
}
