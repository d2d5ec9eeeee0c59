package io.logplane.api.patch;

import static io.logplane.api.patch.Fixtures.DEPLOYMENTS;
import static io.logplane.api.patch.Fixtures.PODS;
import static io.logplane.api.patch.Fixtures.raw;
import static io.logplane.api.patch.Fixtures.yaml;
import static io.logplane.api.patch.ServerSideApplyTest.CONFIG;
import static io.logplane.api.patch.ServerSideApplyTest.T1;
import static io.logplane.api.patch.ServerSideApplyTest.apply;
import static io.logplane.api.patch.ServerSideApplyTest.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sets, atomic values, untracked objects, kubectl interop and rejected configurations. */
class ServerSideApplyRulesTest {

  @Test
  void finalizersAreOwnedValueByValue() {
    String base = "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, finalizers: [%s]}}";
    ObjectNode o = apply(null, base.formatted("a, b"), "alice", false);
    assertEquals("{\"f:metadata\":{\"f:finalizers\":{\"v:\\\"a\\\"\":{},\"v:\\\"b\\\"\":{}}}}", fields(o, "alice"));
    ObjectNode bob = apply(o, base.formatted("c"), "bob", false);
    assertEquals(yaml("v: [a, b, c]").get("v"), bob.at("/metadata/finalizers"));
    ObjectNode r = apply(bob, base.formatted("b"), "alice", false);
    assertEquals(yaml("v: [b, c]").get("v"), r.at("/metadata/finalizers"));
  }

  @Test
  void atomicValuesConflictAsAWhole() {
    ObjectNode o = apply(null, CONFIG, "alice", false);
    PatchException e = assertThrows(PatchException.class, () -> apply(o,
        CONFIG.replace("matchLabels: {app: web}", "matchLabels: {app: web, x: y}"), "bob", false));
    assertEquals("Apply failed with 1 conflict: conflict with \"alice\": .spec.selector", e.getMessage());
  }

  @Test
  void objectsWithoutManagedFieldsAreOwnedBeforeFirstApply() {
    ObjectNode untracked = yaml(CONFIG);
    PatchException e = assertThrows(PatchException.class,
        () -> apply(untracked, CONFIG.replace("replicas: 2", "replicas: 4"), "kubectl", false));
    assertEquals("Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: .spec.replicas",
        e.getMessage());
    ObjectNode same = apply(untracked, CONFIG, "kubectl", false);
    assertTrue(fields(same, "before-first-apply").contains("f:replicas"));
  }

  @Test
  void kubectlTakesOverFieldsItAppliedClientSide() {
    ObjectNode live = yaml(CONFIG);
    String lastApplied = Json.text(yaml(CONFIG));
    live.with("metadata").putObject("annotations").put(ServerSideApply.LAST_APPLIED, lastApplied);
    ObjectNode created = ServerSideApply.trackUpdate(null, live, "kubectl-client-side-apply",
        ServerSideApply.UPDATE, DEPLOYMENTS, T1);
    String changed = CONFIG.replace("nginx:1", "nginx:2");
    ObjectNode r = apply(created, changed, "kubectl", false);
    assertEquals("nginx:2", r.at("/spec/template/spec/containers/0/image").asText());
    String annotation = r.at("/metadata/annotations").get(ServerSideApply.LAST_APPLIED).asText();
    assertEquals(yaml(changed), Json.parse(raw(annotation)), "annotation follows the applied config");
    assertTrue(annotation.startsWith("{\"apiVersion\":\"apps/v1\",\"kind\"") && annotation.endsWith("}\n"));
    assertThrows(PatchException.class, () -> apply(created, changed, "someone-else", false));
  }

  @Test
  void serverMetadataAndStatusInTheConfigAreIgnored() {
    ObjectNode o = apply(null, CONFIG.replace("  name: web\n", "  name: web\n  uid: u1\n  resourceVersion: '9'\n"
        + "  generation: 3\n  creationTimestamp: '2020-01-01T00:00:00Z'\n") + "status: {replicas: 9}\n", "a", false);
    assertEquals(yaml(CONFIG), Ownership.withoutManagedFields(o));
  }

  @Test
  void jsonConfigurationsWork() {
    ObjectNode o = ServerSideApply.apply(null, raw(Json.text(yaml(CONFIG))), "a", false, DEPLOYMENTS, T1);
    assertEquals(yaml(CONFIG), Ownership.withoutManagedFields(o));
  }

  @Test
  void statusIsAppliedThroughTheStatusSubresourceOnly() {
    ObjectNode deployment = apply(null, CONFIG, "a", false);
    ObjectNode r = ServerSideApply.apply(deployment, raw("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web},"
        + " spec: {replicas: 7}, status: {replicas: 2}}"), "kcm", false, "status", DEPLOYMENTS, T1);
    assertEquals(2, r.at("/spec/replicas").asInt());
    assertEquals(2, r.at("/status/replicas").asInt());
    assertEquals("{\"f:status\":{\"f:replicas\":{}}}", fields(r, "kcm"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "wrong version    | {apiVersion: apps/v2, kind: Deployment, metadata: {name: web}}",
      "wrong kind       | {apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: web}}",
      "managedFields    | {apiVersion: apps/v1, kind: Deployment, metadata: {name: web, managedFields: []}}",
      "not an object    | [1, 2]",
      "not yaml         | '{a: [}'",
      "key field absent | {apiVersion: apps/v1, kind: Deployment, spec: {template: {spec: {containers: [{image: x}]}}}}"})
  void badConfigurationsAreRejected(String name, String config) {
    PatchException e = assertThrows(PatchException.class, () -> apply(null, config, "a", false));
    assertEquals(name.startsWith("key") ? 422 : 400, e.code(), e.getMessage());
  }

  @Test
  void aFieldManagerIsRequired() {
    assertEquals(400, assertThrows(PatchException.class,
        () -> ServerSideApply.apply(null, raw(CONFIG), null, false, PODS, T1)).code());
  }
}
