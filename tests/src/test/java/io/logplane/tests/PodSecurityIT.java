package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.projections.Json;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PodSecurity admission with the real kubectl, as on Kubernetes 1.28: a namespace labelled
 * {@code enforce=restricted} warns of the pods already there, refuses a plain {@code kubectl run}
 * pod with kube's message and takes one that meets the level; a Deployment there is created with a warning and its
 * ReplicaSet's pods are refused ({@code FailedCreate}); {@code audit=baseline} notes a privileged pod's
 * violations on its audit event; {@code warn=baseline} admits a privileged
 * pod with kubectl's {@code Warning:} line; an invalid level is refused on the namespace.
 */
class PodSecurityIT {

  private static final String RESTRICTED_DETAIL = "allowPrivilegeEscalation != false (container \"bad\" must set"
      + " securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"bad\" must set"
      + " securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or container \"bad\" must set"
      + " securityContext.runAsNonRoot=true), seccompProfile (pod or container \"bad\" must set"
      + " securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")";

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aRestrictedNamespaceRefusesAPlainPodAndTakesOneThatMeetsTheLevel() throws Exception {
    kubectl.ok("create", "namespace", "pss-restricted");
    kubectl.ok("run", "old", "--image=busybox", "-n", "pss-restricted");
    Kubectl.Result labelled = kubectl.ok("label", "namespace", "pss-restricted",
        "pod-security.kubernetes.io/enforce=restricted");
    assertTrue(labelled.err().contains("Warning: existing pods in namespace \"pss-restricted\" violate the new"
        + " PodSecurity enforce level \"restricted:latest\"\nWarning: old: allowPrivilegeEscalation != false,"
        + " unrestricted capabilities, runAsNonRoot != true, seccompProfile"), labelled.all());
    Kubectl.Result bad = kubectl.run("run", "bad", "--image=busybox", "-n", "pss-restricted");
    assertNotEquals(0, bad.exit());
    assertTrue(bad.err().contains("Error from server (Forbidden): pods \"bad\" is forbidden: violates PodSecurity"
        + " \"restricted:latest\": " + RESTRICTED_DETAIL), bad.all());
    assertNotEquals(0, kubectl.run("get", "pod", "bad", "-n", "pss-restricted").exit());
    // the refusal is a record of the log, in the audit trail as any refused write
    JsonNode audit = Json.MAPPER.readTree(kubectl.ok("get", "--raw",
        "/apis/history.logplane.io/v1/auditevents?fieldSelector=namespace%3Dpss-restricted,outcome%3DREJECTED").out());
    assertEquals("bad", audit.at("/items/0/objectRef/name").asText(), audit.toString());
    assertEquals(403, audit.at("/items/0/outcome/code").asInt(), audit.toString());
    assertTrue(audit.toString().contains("violates PodSecurity"), audit.toString());

    kubectl.ok("apply", "-n", "pss-restricted", "-f", kubectl.manifest("good.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: good}
        spec:
          securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
          containers:
          - name: c
            image: busybox
            securityContext:
              allowPrivilegeEscalation: false
              capabilities: {drop: [ALL]}
        """));
    assertEquals("good", kubectl.json("get", "pod", "good", "-n", "pss-restricted").at("/metadata/name").asText());
  }

  @Test
  void aDeploymentIsWarnedAboutAndItsPodsAreRefusedWithAnEvent() throws Exception {
    kubectl.ok("create", "namespace", "pss-deploy");
    kubectl.ok("label", "namespace", "pss-deploy", "pod-security.kubernetes.io/enforce=baseline");
    Kubectl.Result created = kubectl.run("apply", "-n", "pss-deploy", "-f", kubectl.manifest("hostnet.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: hostnet}
        spec:
          replicas: 1
          selector: {matchLabels: {app: hostnet}}
          template:
            metadata: {labels: {app: hostnet}}
            spec:
              hostNetwork: true
              containers: [{name: c, image: busybox}]
        """));
    assertEquals(0, created.exit(), created.all());
    assertTrue(created.err().contains("Warning: would violate PodSecurity \"baseline:latest\": host namespaces"
        + " (hostNetwork=true)"), created.all());
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.ok("get", "events", "-n", "pss-deploy").out(),
        out -> out.contains("FailedCreate") && out.contains("violates PodSecurity \"baseline:latest\": host namespaces"
            + " (hostNetwork=true)"));
    assertTrue(kubectl.json("get", "pods", "-n", "pss-deploy").path("items").isEmpty());
  }

  @Test
  void aWarnLevelAdmitsAPodWithKubectlsWarning() throws Exception {
    kubectl.ok("create", "namespace", "pss-warn");
    kubectl.ok("label", "namespace", "pss-warn", "pod-security.kubernetes.io/warn=baseline");
    Kubectl.Result priv = kubectl.run("run", "priv", "--image=busybox", "--privileged", "-n", "pss-warn");
    assertEquals(0, priv.exit(), priv.all());
    assertTrue(priv.err().contains("Warning: would violate PodSecurity \"baseline:latest\": privileged"
        + " (container \"priv\" must not set securityContext.privileged=true)"), priv.all());
    Kubectl.Result plain = kubectl.run("run", "plain", "--image=busybox", "-n", "pss-warn");
    assertEquals(0, plain.exit(), plain.all());
    assertFalse(plain.err().contains("Warning"), plain.all());
  }

  @Test
  void theAuditLevelAnnotatesTheAuditEventOfAPodItFindsFault() throws Exception {
    kubectl.ok("create", "namespace", "pss-audit");
    kubectl.ok("label", "namespace", "pss-audit", "pod-security.kubernetes.io/audit=baseline");
    Kubectl.Result priv = kubectl.ok("run", "priv", "--image=busybox", "--privileged", "-n", "pss-audit");
    assertFalse(priv.err().contains("Warning"), priv.all());
    JsonNode audit = Json.MAPPER.readTree(kubectl.ok("get", "--raw",
        "/apis/history.logplane.io/v1/auditevents?fieldSelector=namespace%3Dpss-audit").out());
    JsonNode annotations = null;
    for (JsonNode item : audit.path("items")) {
      if (item.path("objectRef").path("name").asText().equals("priv") && item.path("verb").asText().equals("create")) {
        annotations = item.path("annotations");
      }
    }
    assertTrue(annotations != null, audit.toString());
    assertEquals("privileged:latest", annotations.path("pod-security.kubernetes.io/enforce-policy").asText(),
        annotations.toString());
    assertEquals("would violate PodSecurity \"baseline:latest\": privileged (container \"priv\" must not set"
        + " securityContext.privileged=true)", annotations.path("pod-security.kubernetes.io/audit-violations").asText(),
        annotations.toString());
  }

  @Test
  void anInvalidLevelIsRefusedOnTheNamespace() throws Exception {
    kubectl.ok("create", "namespace", "pss-invalid");
    Kubectl.Result invalid = kubectl.run("label", "namespace", "pss-invalid", "pod-security.kubernetes.io/enforce=strict");
    assertNotEquals(0, invalid.exit());
    assertTrue(invalid.err().contains("The Namespace \"pss-invalid\" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]:"
        + " Invalid value: \"strict\": must be one of privileged, baseline, restricted"), invalid.all());
  }
}
