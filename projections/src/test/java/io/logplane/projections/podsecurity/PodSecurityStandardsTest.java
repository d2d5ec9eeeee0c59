package io.logplane.projections.podsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.projections.podsecurity.PodSecurityStandards.Level;
import io.logplane.projections.podsecurity.PodSecurityStandards.LevelVersion;
import io.logplane.projections.podsecurity.PodSecurityStandards.Policy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodSecurityStandardsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final LevelVersion BASELINE = LevelVersion.latest(Level.BASELINE);
  private static final LevelVersion RESTRICTED = LevelVersion.latest(Level.RESTRICTED);

  /** A restricted-compliant container: the base every restricted test changes one thing of. */
  private static final String GOOD_SC = """
      {"allowPrivilegeEscalation": false, "runAsNonRoot": true,
       "seccompProfile": {"type": "RuntimeDefault"}, "capabilities": {"drop": ["ALL"]}}""";

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String detail(LevelVersion lv, String pod) {
    JsonNode node = json(pod);
    return PodSecurityStandards.forbiddenDetail(lv, node.path("metadata"), node.path("spec"));
  }

  /** A pod with one container "c" whose securityContext is sc, and the given extra spec fields. */
  private static String pod(String sc, String extraSpec) {
    return """
        {"metadata": {"name": "p"},
         "spec": {%s "containers": [{"name": "c", "image": "busybox", "securityContext": %s}]}}"""
        .formatted(extraSpec.isEmpty() ? "" : extraSpec + ",", sc);
  }

  private static String restrictedPod(String extraSpec) {
    return pod(GOOD_SC, extraSpec);
  }

  // ---- aggregate ----

  @Test
  void kubectlRunPodUnderRestrictedLatest() {
    String pod = """
        {"metadata": {"name": "c", "labels": {"run": "c"}},
         "spec": {"containers": [{"name": "c", "image": "busybox"}],
                  "restartPolicy": "Always", "dnsPolicy": "ClusterFirst"}}""";
    assertEquals("allowPrivilegeEscalation != false (container \"c\" must set securityContext.allowPrivilegeEscalation"
        + "=false), unrestricted capabilities (container \"c\" must set securityContext.capabilities.drop=[\"ALL\"]), "
        + "runAsNonRoot != true (pod or container \"c\" must set securityContext.runAsNonRoot=true), seccompProfile "
        + "(pod or container \"c\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or "
        + "\"Localhost\")", detail(RESTRICTED, pod));
  }

  @Test
  void kubectlRunPodIsBaselineAndPrivilegedCompliant() {
    String pod = """
        {"metadata": {"name": "c"}, "spec": {"containers": [{"name": "c", "image": "busybox"}]}}""";
    assertEquals("", detail(BASELINE, pod));
    assertEquals("", detail(LevelVersion.PRIVILEGED_LATEST, pod));
  }

  @Test
  void privilegedAllowsEverything() {
    String pod = pod("""
        {"privileged": true, "runAsUser": 0}""", "\"hostNetwork\": true");
    assertEquals("", detail(LevelVersion.PRIVILEGED_LATEST, pod));
  }

  @Test
  void restrictedCompliantPodIsAllowed() {
    assertEquals("", detail(RESTRICTED, restrictedPod("")));
  }

  @Test
  void failuresAreOrderedBaselineFirstThenRestricted() {
    String pod = pod("""
        {"privileged": true}""", "\"hostPID\": true");
    assertEquals("host namespaces (hostPID=true), privileged (container \"c\" must not set "
        + "securityContext.privileged=true), allowPrivilegeEscalation != false (container \"c\" must set "
        + "securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"c\" must set "
        + "securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or container \"c\" must set "
        + "securityContext.runAsNonRoot=true), seccompProfile (pod or container \"c\" must set "
        + "securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")", detail(RESTRICTED, pod));
  }

  @Test
  void containersAreVisitedInitThenRegularThenEphemeral() {
    String pod = """
        {"spec": {"initContainers": [{"name": "i", "securityContext": {"privileged": true}}],
                  "containers": [{"name": "c", "securityContext": {"privileged": true}}],
                  "ephemeralContainers": [{"name": "e", "securityContext": {"privileged": true}}]}}""";
    assertEquals("privileged (containers \"i\", \"c\", \"e\" must not set securityContext.privileged=true)",
        detail(BASELINE, pod));
  }

  // ---- baseline checks ----

  @Test
  void windowsHostProcess() {
    assertEquals("", detail(BASELINE, pod("""
        {"windowsOptions": {"hostProcess": false}}""", "")));
    assertEquals("hostProcess (pod and container \"c\" must not set securityContext.windowsOptions.hostProcess=true)",
        detail(BASELINE, pod("""
            {"windowsOptions": {"hostProcess": true}}""",
            "\"securityContext\": {\"windowsOptions\": {\"hostProcess\": true}}")));
  }

  @Test
  void hostNamespaces() {
    assertEquals("", detail(BASELINE, pod("{}", "\"hostNetwork\": false")));
    assertEquals("host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)", detail(BASELINE,
        pod("{}", "\"hostIPC\": true, \"hostPID\": true, \"hostNetwork\": true")));
  }

  @Test
  void privileged() {
    assertEquals("", detail(BASELINE, pod("{\"privileged\": false}", "")));
    assertEquals("privileged (container \"c\" must not set securityContext.privileged=true)",
        detail(BASELINE, pod("{\"privileged\": true}", "")));
  }

  @Test
  void baselineCapabilities() {
    assertEquals("", detail(BASELINE, pod("""
        {"capabilities": {"add": ["CHOWN", "NET_BIND_SERVICE"]}}""", "")));
    assertEquals("non-default capabilities (container \"c\" must not include \"NET_ADMIN\", \"SYS_ADMIN\" in "
        + "securityContext.capabilities.add)", detail(BASELINE, pod("""
            {"capabilities": {"add": ["SYS_ADMIN", "CHOWN", "NET_ADMIN"]}}""", "")));
  }

  @Test
  void hostPathVolumes() {
    assertEquals("", detail(BASELINE, pod("{}", "\"volumes\": [{\"name\": \"v\", \"emptyDir\": {}}]")));
    assertEquals("hostPath volumes (volumes \"a\", \"b\")", detail(BASELINE, pod("{}", """
        "volumes": [{"name": "a", "hostPath": {"path": "/"}}, {"name": "b", "hostPath": {"path": "/x"}}]""")));
  }

  @Test
  void hostPorts() {
    String ok = """
        {"spec": {"containers": [{"name": "c", "ports": [{"containerPort": 80, "hostPort": 0}]}]}}""";
    String bad = """
        {"spec": {"containers": [{"name": "c", "ports": [{"containerPort": 80, "hostPort": 8080},
                                                        {"containerPort": 81, "hostPort": 443}]}]}}""";
    assertEquals("", detail(BASELINE, ok));
    assertEquals("hostPort (container \"c\" uses hostPorts 443, 8080)", detail(BASELINE, bad));
  }

  @Test
  void appArmorAnnotations() {
    String ok = """
        {"metadata": {"annotations": {"container.apparmor.security.beta.kubernetes.io/c": "localhost/x"}},
         "spec": {"containers": [{"name": "c"}]}}""";
    String bad = """
        {"metadata": {"annotations": {"container.apparmor.security.beta.kubernetes.io/c": "unconfined"}},
         "spec": {"containers": [{"name": "c"}]}}""";
    assertEquals("", detail(BASELINE, ok));
    assertEquals("forbidden AppArmor profile (container.apparmor.security.beta.kubernetes.io/c=\"unconfined\")",
        detail(BASELINE, bad));
  }

  @Test
  void seLinuxOptions() {
    assertEquals("", detail(BASELINE, pod("{\"seLinuxOptions\": {\"type\": \"container_t\", \"level\": \"s0\"}}",
        "")));
    assertEquals("seLinuxOptions (pod and container \"c\" set forbidden securityContext.seLinuxOptions: "
        + "type \"spc_t\"; user may not be set; role may not be set)", detail(BASELINE, pod(
            "{\"seLinuxOptions\": {\"type\": \"spc_t\"}}",
            "\"securityContext\": {\"seLinuxOptions\": {\"user\": \"u\", \"role\": \"r\"}}")));
  }

  @Test
  void procMount() {
    assertEquals("", detail(BASELINE, pod("{\"procMount\": \"Default\"}", "")));
    assertEquals("procMount (container \"c\" must not set securityContext.procMount to \"Unmasked\")",
        detail(BASELINE, pod("{\"procMount\": \"Unmasked\"}", "")));
  }

  @Test
  void baselineSeccompFields() {
    assertEquals("", detail(BASELINE, pod("{\"seccompProfile\": {\"type\": \"Localhost\"}}", "")));
    assertEquals("seccompProfile (pod and container \"c\" must not set securityContext.seccompProfile.type to "
        + "\"Unconfined\")", detail(BASELINE, pod("{\"seccompProfile\": {\"type\": \"Unconfined\"}}",
            "\"securityContext\": {\"seccompProfile\": {\"type\": \"Unconfined\"}}")));
  }

  @Test
  void baselineSeccompAnnotationsBeforeV119() {
    LevelVersion v118 = new LevelVersion(Level.BASELINE, "v1.18");
    String pod = """
        {"metadata": {"annotations": {"seccomp.security.alpha.kubernetes.io/pod": "unconfined",
                      "container.seccomp.security.alpha.kubernetes.io/c": "runtime/default"}},
         "spec": {"containers": [{"name": "c"}]}}""";
    assertEquals("seccompProfile (forbidden annotation seccomp.security.alpha.kubernetes.io/pod=\"unconfined\")",
        detail(v118, pod));
    assertEquals("", detail(BASELINE, pod));
    assertEquals("", detail(v118, pod("{\"seccompProfile\": {\"type\": \"Unconfined\"}}", "")));
  }

  @Test
  void sysctls() {
    String reserved = "\"securityContext\": {\"sysctls\": [{\"name\": \"net.ipv4.ip_local_reserved_ports\", "
        + "\"value\": \"1\"}]}";
    assertEquals("", detail(BASELINE, pod("{}", reserved)));
    assertEquals("forbidden sysctls (net.ipv4.ip_local_reserved_ports)",
        detail(new LevelVersion(Level.BASELINE, "v1.26"), pod("{}", reserved)));
    assertEquals("forbidden sysctls (kernel.msgmax, net.core.somaxconn)", detail(BASELINE, pod("{}", """
        "securityContext": {"sysctls": [{"name": "kernel.msgmax", "value": "1"},
                                        {"name": "net.core.somaxconn", "value": "1"}]}""")));
  }

  // ---- restricted checks ----

  @Test
  void restrictedVolumes() {
    assertEquals("", detail(RESTRICTED, restrictedPod("""
        "volumes": [{"name": "a", "configMap": {"name": "x"}}, {"name": "b", "projected": {"sources": []}}]""")));
    assertEquals("restricted volume types (volumes \"h\", \"n\" use restricted volume types \"hostPath\", \"nfs\")",
        detail(RESTRICTED, restrictedPod("""
            "volumes": [{"name": "h", "hostPath": {"path": "/"}}, {"name": "n", "nfs": {"server": "s"}}]""")));
  }

  @Test
  void allowPrivilegeEscalation() {
    assertEquals("allowPrivilegeEscalation != false (container \"c\" must set "
        + "securityContext.allowPrivilegeEscalation=false)", detail(RESTRICTED, pod("""
            {"allowPrivilegeEscalation": true, "runAsNonRoot": true,
             "seccompProfile": {"type": "RuntimeDefault"}, "capabilities": {"drop": ["ALL"]}}""", "")));
  }

  @Test
  void runAsNonRoot() {
    String sc = """
        {"allowPrivilegeEscalation": false, "runAsNonRoot": false,
         "seccompProfile": {"type": "RuntimeDefault"}, "capabilities": {"drop": ["ALL"]}}""";
    assertEquals("runAsNonRoot != true (container \"c\" must not set securityContext.runAsNonRoot=false)",
        detail(RESTRICTED, pod(sc, "")));
    String podLevel = sc.replace("\"runAsNonRoot\": false,", "");
    assertEquals("", detail(RESTRICTED, pod(podLevel, "\"securityContext\": {\"runAsNonRoot\": true}")));
    assertEquals("runAsNonRoot != true (pod or container \"c\" must set securityContext.runAsNonRoot=true)",
        detail(RESTRICTED, pod(podLevel, "")));
  }

  @Test
  void runAsUser() {
    assertEquals("", detail(RESTRICTED, restrictedPod("\"securityContext\": {\"runAsUser\": 1000}")));
    assertEquals("runAsUser=0 (pod must not set runAsUser=0)",
        detail(RESTRICTED, restrictedPod("\"securityContext\": {\"runAsUser\": 0}")));
    assertEquals("", detail(new LevelVersion(Level.RESTRICTED, "v1.22"),
        restrictedPod("\"securityContext\": {\"runAsUser\": 0}")));
  }

  @Test
  void restrictedSeccompProfile() {
    String sc = GOOD_SC.replace("\"seccompProfile\": {\"type\": \"RuntimeDefault\"}, ", "");
    assertEquals("", detail(RESTRICTED, pod(sc, "\"securityContext\": {\"seccompProfile\": {\"type\": \"Localhost\"}}")));
    assertEquals("seccompProfile (pod must not set securityContext.seccompProfile.type to \"Unconfined\")",
        detail(RESTRICTED, pod(sc, "\"securityContext\": {\"seccompProfile\": {\"type\": \"Unconfined\"}}")));
  }

  @Test
  void restrictedCapabilities() {
    String sc = """
        {"allowPrivilegeEscalation": false, "runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"},
         "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}}""";
    assertEquals("", detail(RESTRICTED, pod(sc, "")));
    assertEquals("unrestricted capabilities (container \"c\" must set securityContext.capabilities.drop=[\"ALL\"]; "
        + "container \"c\" must not include \"CHOWN\" in securityContext.capabilities.add)",
        detail(RESTRICTED, pod(sc.replace("[\"ALL\"]", "[\"NET_RAW\"]").replace("\"NET_BIND_SERVICE\"",
            "\"CHOWN\""), "")));
  }

  @Test
  void restrictedOverridesBaselineCapabilities() {
    String sc = GOOD_SC.replace("\"drop\": [\"ALL\"]", "\"drop\": [\"ALL\"], \"add\": [\"SYS_ADMIN\"]");
    assertEquals("unrestricted capabilities (container \"c\" must not include \"SYS_ADMIN\" in "
        + "securityContext.capabilities.add)", detail(RESTRICTED, pod(sc, "")));
  }

  @Test
  void olderRestrictedVersionsKeepTheBaselineChecksNotYetOverridden() {
    String pod = """
        {"metadata": {"annotations": {"seccomp.security.alpha.kubernetes.io/pod": "unconfined"}},
         "spec": {"securityContext": {"runAsNonRoot": true},
                  "containers": [{"name": "c", "securityContext": {"allowPrivilegeEscalation": false,
                                  "capabilities": {"add": ["SYS_ADMIN"]}}}]}}""";
    assertEquals("non-default capabilities (container \"c\" must not include \"SYS_ADMIN\" in "
        + "securityContext.capabilities.add), seccompProfile (forbidden annotation "
        + "seccomp.security.alpha.kubernetes.io/pod=\"unconfined\")",
        detail(new LevelVersion(Level.RESTRICTED, "v1.18"), pod));
  }

  @Test
  void windowsPodsAreExemptFromLinuxOnlyRestrictedChecks() {
    String pod = """
        {"spec": {"os": {"name": "windows"}, "securityContext": {"runAsNonRoot": true},
                  "containers": [{"name": "c"}]}}""";
    assertEquals("", detail(RESTRICTED, pod));
    assertEquals("allowPrivilegeEscalation != false (container \"c\" must set securityContext."
        + "allowPrivilegeEscalation=false), unrestricted capabilities (container \"c\" must set securityContext."
        + "capabilities.drop=[\"ALL\"]), seccompProfile (pod or container \"c\" must set securityContext."
        + "seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")",
        detail(new LevelVersion(Level.RESTRICTED, "v1.24"), pod));
  }

  // ---- labels ----

  @Test
  void levelVersionPrintsLikeKube() {
    assertEquals("restricted:latest", RESTRICTED.toString());
    assertEquals("baseline:v1.27", new LevelVersion(Level.BASELINE, "v1.27").toString());
    assertEquals("privileged", Level.PRIVILEGED.label());
  }

  @Test
  void absentLabelsArePrivilegedLatest() {
    assertEquals(Policy.PRIVILEGED, Policy.of(null));
    assertEquals(Policy.PRIVILEGED, Policy.of(json("{\"app\": \"x\"}")));
    assertEquals(List.of(), PodSecurityStandards.invalidLabels(json("{}")));
  }

  @Test
  void validLabels() {
    JsonNode labels = json("""
        {"pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/enforce-version": "v1.27",
         "pod-security.kubernetes.io/audit": "restricted"}""");
    LevelVersion enforce = new LevelVersion(Level.BASELINE, "v1.27");
    assertEquals(new Policy(enforce, RESTRICTED, enforce), Policy.of(labels));
    assertEquals(List.of(), PodSecurityStandards.invalidLabels(labels));
  }

  @Test
  void invalidLabelsFailClosedForEnforceAndOpenForAuditAndWarn() {
    JsonNode labels = json("""
        {"pod-security.kubernetes.io/enforce": "Strict", "pod-security.kubernetes.io/audit": "x",
         "pod-security.kubernetes.io/warn": "y", "pod-security.kubernetes.io/warn-version": "1.27"}""");
    assertEquals(new Policy(RESTRICTED, LevelVersion.PRIVILEGED_LATEST, LevelVersion.PRIVILEGED_LATEST),
        Policy.of(labels));
    assertEquals(List.of(
        Map.entry("metadata.labels[pod-security.kubernetes.io/enforce]",
            "Invalid value: \"Strict\": must be one of privileged, baseline, restricted"),
        Map.entry("metadata.labels[pod-security.kubernetes.io/audit]",
            "Invalid value: \"x\": must be one of privileged, baseline, restricted"),
        Map.entry("metadata.labels[pod-security.kubernetes.io/warn]",
            "Invalid value: \"y\": must be one of privileged, baseline, restricted"),
        Map.entry("metadata.labels[pod-security.kubernetes.io/warn-version]",
            "Invalid value: \"1.27\": must be \"latest\" or \"v1.x\"")),
        PodSecurityStandards.invalidLabels(labels));
  }

  @Test
  void invalidVersionIsLatestAndWarnFollowsEnforceUnlessSet() {
    JsonNode labels = json("""
        {"pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "v1.07",
         "pod-security.kubernetes.io/warn-version": "v1.25"}""");
    assertEquals(new Policy(RESTRICTED, LevelVersion.PRIVILEGED_LATEST, new LevelVersion(Level.RESTRICTED, "v1.25")),
        Policy.of(labels));
    assertEquals(List.of(Map.entry("metadata.labels[pod-security.kubernetes.io/enforce-version]",
        "Invalid value: \"v1.07\": must be \"latest\" or \"v1.x\"")), PodSecurityStandards.invalidLabels(labels));
  }
}
