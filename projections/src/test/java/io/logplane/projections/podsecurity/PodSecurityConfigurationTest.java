package io.logplane.projections.podsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PodSecurity admission's configuration: kube's defaults and exemptions. */
class PodSecurityConfigurationTest {

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text.replace('\'', '"'));
  }

  private static final String ADMISSION = "{'apiVersion':'apiserver.config.k8s.io/v1','kind':'AdmissionConfiguration',"
      + "'plugins':[{'name':'PodSecurity','configuration':{'apiVersion':'pod-security.admission.config.k8s.io/v1',"
      + "'kind':'PodSecurityConfiguration','defaults':{'enforce':'baseline','enforce-version':'latest',"
      + "'warn':'restricted'},'exemptions':{'usernames':['ci-bot'],'runtimeClasses':['kata'],"
      + "'namespaces':['legacy']}}}]}";

  private static JsonNode privileged(String namespace, String runtimeClass) throws Exception {
    return json("{'metadata':{'name':'p','namespace':'" + namespace + "'},'spec':{" + (runtimeClass == null ? ""
        : "'runtimeClassName':'" + runtimeClass + "',") + "'containers':[{'name':'c','image':'busybox',"
        + "'securityContext':{'privileged':true}}]}}");
  }

  private static JsonNode namespace(String name, String labels) throws Exception {
    return json("{'metadata':{'name':'" + name + "','labels':" + labels + "}}");
  }

  @Test
  void readsThePluginsConfigurationOfAnAdmissionConfiguration() throws Exception {
    PodSecurityConfiguration c = PodSecurityConfiguration.of(json(ADMISSION));
    assertEquals(Map.of("pod-security.kubernetes.io/enforce", "baseline",
        "pod-security.kubernetes.io/enforce-version", "latest", "pod-security.kubernetes.io/warn", "restricted"),
        c.defaults());
    assertEquals(java.util.Set.of("ci-bot"), c.usernames());
    assertEquals(PodSecurityConfiguration.NONE, PodSecurityConfiguration.of(json(
        "{'kind':'AdmissionConfiguration','plugins':[{'name':'Other'}]}")));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> PodSecurityConfiguration.of(
        json("{'kind':'PodSecurityConfiguration','defaults':{'enforce':'strict'}}")));
    assertEquals("defaults.enforce: Invalid value: \"strict\": must be one of privileged, baseline, restricted",
        bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PodSecurityConfiguration.of(
        json("{'kind':'PodSecurityConfiguration','defaults':{'enforce-level':'baseline'}}")));
  }

  @Test
  void theDefaultsStandForMissingLabelsAndExemptWritesAreNotChecked() throws Exception {
    PodSecurityConfiguration c = PodSecurityConfiguration.of(json(ADMISSION));
    PodSecurityAdmission.Decision refused = PodSecurityAdmission.pod(c, "alice", namespace("default", "{}"), "p",
        privileged("default", null));
    assertEquals("pods \"p\" is forbidden: violates PodSecurity \"baseline:latest\": privileged (container \"c\""
        + " must not set securityContext.privileged=true)", refused.forbidden());
    PodSecurityAdmission.Decision labelled = PodSecurityAdmission.pod(c, "alice",
        namespace("open", "{'pod-security.kubernetes.io/enforce':'privileged'}"), "p", privileged("open", null));
    assertNull(labelled.forbidden(), "a label overrides the default");
    assertTrue(labelled.warnings().get(0).startsWith("would violate PodSecurity \"restricted:latest\""),
        labelled.warnings().toString());
    for (Object[] exempt : new Object[][] {{"alice", "legacy", null, "namespace"}, {"ci-bot", "default", null, "user"},
        {"alice", "default", "kata", "runtimeClass"}}) {
      PodSecurityAdmission.Decision d = PodSecurityAdmission.pod(c, (String) exempt[0],
          namespace((String) exempt[1], "{}"), "p", privileged((String) exempt[1], (String) exempt[2]));
      assertNull(d.forbidden(), java.util.Arrays.toString(exempt));
      assertEquals(Map.of(PodSecurityConfiguration.EXEMPT, exempt[3]), d.audit());
    }
    assertNull(PodSecurityAdmission.pod(PodSecurityConfiguration.NONE, "alice", namespace("default", "{}"), "p",
        privileged("default", null)).forbidden(), "without defaults an unlabelled namespace is privileged");
  }
}
