package io.logplane.projections.podsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodSecurityAdmissionTest {

  private static JsonNode json(String s) {
    return Json.object(s.replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static JsonNode namespace(String labels) {
    return json("{'metadata':{'name':'ns','labels':{" + labels + "}}}");
  }

  private static final JsonNode HOST_NETWORK = json("{'metadata':{'name':'p'},'spec':{'hostNetwork':true,"
      + "'containers':[{'name':'c','image':'busybox'}]}}");

  @Test
  void aNamespaceWithoutLabelsChecksNothing() {
    // only kube's note of the level the pod was held to
    PodSecurityAdmission.Decision privileged = new PodSecurityAdmission.Decision(null, java.util.List.of(),
        java.util.Map.of(PodSecurityAdmission.ENFORCE_POLICY, "privileged:latest"));
    assertEquals(privileged, PodSecurityAdmission.pod(null, "p", HOST_NETWORK));
    assertEquals(privileged, PodSecurityAdmission.pod(json("{'metadata':{'name':'ns'}}"), "p", HOST_NETWORK));
  }

  @Test
  void theAuditLevelsViolationsAreAuditAnnotations() {
    PodSecurityAdmission.Decision d = PodSecurityAdmission.pod(
        namespace("'pod-security.kubernetes.io/audit':'baseline'"), "p", HOST_NETWORK);
    assertEquals(null, d.forbidden());
    assertEquals(java.util.Map.of(PodSecurityAdmission.ENFORCE_POLICY, "privileged:latest",
        PodSecurityAdmission.AUDIT_VIOLATIONS, "would violate PodSecurity \"baseline:latest\": host namespaces"
            + " (hostNetwork=true)"), d.audit());
  }

  @Test
  void enforceRefusesAndWarnWarnsButNotBoth() {
    PodSecurityAdmission.Decision refused = PodSecurityAdmission.pod(
        namespace("'pod-security.kubernetes.io/enforce':'baseline','pod-security.kubernetes.io/warn':'baseline'"),
        "p", HOST_NETWORK);
    assertEquals("pods \"p\" is forbidden: violates PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true)",
        refused.forbidden());
    assertEquals(List.of(), refused.warnings());
    PodSecurityAdmission.Decision warned = PodSecurityAdmission.pod(
        namespace("'pod-security.kubernetes.io/warn':'baseline'"), "p", HOST_NETWORK);
    assertNull(warned.forbidden());
    assertEquals(List.of("would violate PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true)"),
        warned.warnings());
  }

  @Test
  void aWorkloadIsWarnedAboutByItsTemplateUnderTheEnforceLevelWhenNoWarnLevelIsSet() {
    JsonNode cronJob = json("{'spec':{'jobTemplate':{'spec':{'template':" + HOST_NETWORK + "}}}}");
    PodSecurityAdmission.Decision d = PodSecurityAdmission.workload(
        namespace("'pod-security.kubernetes.io/enforce':'baseline'"), "batch", "cronjobs", cronJob);
    assertNull(d.forbidden());
    assertEquals(List.of("would violate PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true)"),
        d.warnings());
    assertFalse(PodSecurityAdmission.holdsTemplate("", "configmaps"));
  }

  @Test
  void aStricterEnforceLevelNamesTheFirstPodOfEachSetOfReasonsAndCountsTheOthers() {
    JsonNode old = namespace("'pod-security.kubernetes.io/enforce':'privileged'");
    JsonNode updated = namespace("'pod-security.kubernetes.io/enforce':'baseline'");
    List<JsonNode> pods = List.of(json(HOST_NETWORK.toString().replace("\"p\"", "\"zeta\"")),
        json(HOST_NETWORK.toString().replace("\"p\"", "\"alpha\"")),
        json("{'metadata':{'name':'fine'},'spec':{'containers':[{'name':'c','image':'busybox'}]}}"));
    assertEquals(List.of("new PodSecurity enforce level only checked against the first 3 of 5 existing pods",
            "existing pods in namespace \"ns\" violate the new PodSecurity enforce level \"baseline:latest\"",
            "alpha (and 1 other pod): host namespaces"),
        PodSecurityAdmission.newEnforceLevel(old, updated, "ns", pods, 5));
    assertTrue(PodSecurityAdmission.tightensEnforce(old, updated));
    assertFalse(PodSecurityAdmission.tightensEnforce(updated, old), "relaxed at the same version");
    assertEquals(List.of(), PodSecurityAdmission.newEnforceLevel(updated, updated, "ns", pods, 3));
  }
}
