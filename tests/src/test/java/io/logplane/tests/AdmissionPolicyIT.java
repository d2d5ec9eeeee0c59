package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * ValidatingAdmissionPolicy with CEL, with the real kubectl: the policy of Kubernetes' own
 * documentation refuses a Deployment of too many replicas in the namespaces its binding selects,
 * in kube-apiserver's words, on create and on update, from the moment the write of the policy is
 * answered (kube's informers take a moment); parameters come from a ConfigMap; a Warn
 * binding admits with kubectl's {@code Warning:} line; a policy whose expression does not compile
 * is refused; a refused delete; a controller's pods refused become its {@code FailedCreate}
 * Event; every refusal is a record of the audit trail, and an Audit binding's failures annotate
 * the write's audit event.
 */
class AdmissionPolicyIT {

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
  void thePolicyOfTheDocumentationRefusesTooManyReplicasWhereItsBindingSelects() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("demo.yaml", """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: demo-policy.example.com}
        spec:
          failurePolicy: Fail
          matchConstraints:
            resourceRules:
            - apiGroups: [apps]
              apiVersions: [v1]
              operations: [CREATE, UPDATE]
              resources: [deployments]
          validations:
          - expression: object.spec.replicas <= 5
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: demo-binding-test.example.com}
        spec:
          policyName: demo-policy.example.com
          validationActions: [Deny]
          matchResources:
            namespaceSelector:
              matchLabels: {environment: test}
        """));
    kubectl.ok("create", "namespace", "vap-test");
    kubectl.ok("label", "namespace", "vap-test", "environment=test");
    kubectl.ok("create", "namespace", "vap-other");
    Kubectl.Result refused = kubectl.run("create", "deployment", "nginx", "--image=nginx", "--replicas=6", "-n",
        "vap-test");
    assertEquals("error: failed to create deployment: deployments.apps \"nginx\" is forbidden: ValidatingAdmissionPolicy"
        + " 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression:"
        + " object.spec.replicas <= 5\n", refused.err(), refused.all());
    Kubectl.Result applied = kubectl.run("apply", "-n", "vap-test", "-f", kubectl.manifest("six.yaml", deployment(6)));
    assertTrue(applied.err().contains("The deployments \"six\" is invalid: : ValidatingAdmissionPolicy"
        + " 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression:"
        + " object.spec.replicas <= 5"), applied.all());
    // elsewhere the binding does not select the namespace
    kubectl.ok("create", "deployment", "nginx", "--image=nginx", "--replicas=6", "-n", "vap-other");
    // an update is held to it too; the scale subresource is not among the policy's resources
    kubectl.ok("create", "deployment", "small", "--image=nginx", "--replicas=2", "-n", "vap-test");
    Kubectl.Result patched = kubectl.run("patch", "deployment", "small", "-n", "vap-test", "-p",
        "{\"spec\":{\"replicas\":9}}");
    assertNotEquals(0, patched.exit());
    assertTrue(patched.err().contains("denied request: failed expression: object.spec.replicas <= 5"), patched.all());
    kubectl.ok("scale", "deployment", "small", "-n", "vap-test", "--replicas=9");
    // the refusal is in the audit trail
    JsonNode audit = Json.MAPPER.readTree(kubectl.ok("get", "--raw",
        "/apis/history.logplane.io/v1/auditevents?fieldSelector=namespace%3Dvap-test,outcome%3DREJECTED").out());
    assertTrue(audit.toString().contains("ValidatingAdmissionPolicy 'demo-policy.example.com'"), audit.toString());
    assertEquals(422, audit.at("/items/0/outcome/code").asInt(), audit.toString());

    Kubectl.Result listed = kubectl.ok("get", "validatingadmissionpolicies,validatingadmissionpolicybindings");
    assertTrue(listed.out().matches("(?s)NAME\\s+VALIDATIONS\\s+PARAMKIND\\s+AGE\n"
        + "validatingadmissionpolicy.admissionregistration.k8s.io/demo-policy.example.com\\s+1\\s+<unset>\\s+\\S+\n.*"
        + "NAME\\s+POLICYNAME\\s+PARAMREF\\s+AGE\n.*demo-binding-test.example.com\\s+demo-policy.example.com\\s+<unset>.*"),
        listed.out());
  }

  @Test
  void parametersComeFromAConfigMapAndAWarnBindingAdmitsWithAWarning() throws Exception {
    kubectl.ok("create", "namespace", "vap-params");
    kubectl.ok("create", "configmap", "limits", "-n", "vap-params", "--from-literal=maxReplicas=3");
    kubectl.ok("apply", "-f", kubectl.manifest("params.yaml", """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: replica-limit}
        spec:
          paramKind: {apiVersion: v1, kind: ConfigMap}
          matchConstraints:
            resourceRules:
            - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}
          variables:
          - {name: limit, expression: int(params.data.maxReplicas)}
          validations:
          - expression: object.spec.replicas <= variables.limit
            messageExpression: "'replicas must be no greater than ' + string(variables.limit)"
            reason: Forbidden
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: replica-limit-params}
        spec:
          policyName: replica-limit
          validationActions: [Deny]
          paramRef: {name: limits, namespace: vap-params, parameterNotFoundAction: Deny}
          matchResources:
            namespaceSelector:
              matchLabels: {kubernetes.io/metadata.name: vap-params}
        """));
    Kubectl.Result refused = kubectl.run("apply", "-n", "vap-params", "-f", kubectl.manifest("four.yaml",
        deployment(4)));
    assertTrue(refused.err().contains("Error from server (Forbidden): error when creating \"" + dir.resolve("four.yaml")
        + "\": deployments.apps \"four\" is forbidden: ValidatingAdmissionPolicy 'replica-limit' with binding"
        + " 'replica-limit-params' denied request: replicas must be no greater than 3"), refused.all());
    kubectl.ok("apply", "-n", "vap-params", "-f", kubectl.manifest("three.yaml", deployment(3)));
    // the parameter raised: the same Deployment is taken
    kubectl.ok("patch", "configmap", "limits", "-n", "vap-params", "-p", "{\"data\":{\"maxReplicas\":\"4\"}}");
    kubectl.ok("apply", "-n", "vap-params", "-f", kubectl.manifest("four.yaml", deployment(4)));

    kubectl.ok("apply", "-f", kubectl.manifest("warn.yaml", """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: replica-limit-warn}
        spec:
          policyName: replica-limit
          validationActions: [Warn, Audit]
          paramRef: {name: limits, namespace: vap-params, parameterNotFoundAction: Allow}
          matchResources:
            namespaceSelector:
              matchLabels: {kubernetes.io/metadata.name: vap-warn}
        """));
    kubectl.ok("create", "namespace", "vap-warn");
    Kubectl.Result warned = kubectl.ok("create", "deployment", "wide", "--image=nginx", "--replicas=8", "-n",
        "vap-warn");
    assertTrue(warned.err().contains("Warning: Validation failed for ValidatingAdmissionPolicy 'replica-limit' with"
        + " binding 'replica-limit-warn': replicas must be no greater than 4"), warned.all());
    // the Audit action: the write's audit event carries kube's annotation
    JsonNode audit = Json.MAPPER.readTree(kubectl.ok("get", "--raw",
        "/apis/history.logplane.io/v1/auditevents?fieldSelector=namespace%3Dvap-warn").out());
    JsonNode failure = null;
    for (JsonNode item : audit.path("items")) {
      if (item.path("objectRef").path("name").asText().equals("wide") && item.path("verb").asText().equals("create")) {
        failure = item.path("annotations").path("validation.policy.admission.k8s.io/validation_failure");
      }
    }
    assertTrue(failure != null && failure.asText().contains("\"policy\":\"replica-limit\",\"binding\":"
        + "\"replica-limit-warn\""), audit.toString());
  }

  @Test
  void aPolicyWhoseExpressionDoesNotCompileIsRefused() throws Exception {
    Kubectl.Result r = kubectl.run("apply", "-f", kubectl.manifest("bad.yaml", """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: bad}
        spec:
          matchConstraints:
            resourceRules:
            - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
          validations:
          - expression: object.data.size( > 2
        """));
    assertNotEquals(0, r.exit());
    assertTrue(r.err().contains("The ValidatingAdmissionPolicy \"bad\" is invalid: spec.validations[0].expression:"
        + " Invalid value: \"object.data.size( > 2\": compilation failed: ERROR: <input>:1:"), r.all());
  }

  @Test
  void aProtectedConfigMapIsNotDeletedAndAControllersPodsRefusedAreItsEvents() throws Exception {
    kubectl.ok("create", "namespace", "vap-ops");
    kubectl.ok("apply", "-f", kubectl.manifest("ops.yaml", """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: keep-protected}
        spec:
          matchConstraints:
            resourceRules:
            - {apiGroups: [""], apiVersions: [v1], operations: [DELETE], resources: [configmaps]}
          validations:
          - expression: "!has(oldObject.metadata.labels) || !('protected' in oldObject.metadata.labels) || oldObject.metadata.labels['protected'] != 'true'"
            message: this ConfigMap is protected
            reason: Forbidden
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: keep-protected}
        spec:
          policyName: keep-protected
          validationActions: [Deny]
          matchResources:
            namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: vap-ops}}
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: team-label}
        spec:
          matchConstraints:
            resourceRules:
            - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
          validations:
          - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
            message: pods need a team label
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: team-label}
        spec:
          policyName: team-label
          validationActions: [Deny]
          matchResources:
            namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: vap-ops}}
        """));
    kubectl.ok("create", "configmap", "keep", "-n", "vap-ops");
    kubectl.ok("label", "configmap", "keep", "-n", "vap-ops", "protected=true");
    kubectl.ok("create", "configmap", "scratch", "-n", "vap-ops");
    Kubectl.Result kept = kubectl.run("delete", "configmap", "keep", "-n", "vap-ops");
    assertEquals("Error from server (Forbidden): configmaps \"keep\" is forbidden: ValidatingAdmissionPolicy"
        + " 'keep-protected' with binding 'keep-protected' denied request: this ConfigMap is protected\n", kept.err(),
        kept.all());
    kubectl.ok("delete", "configmap", "scratch", "-n", "vap-ops");

    kubectl.ok("create", "deployment", "unlabelled", "--image=busybox", "-n", "vap-ops");
    await("the ReplicaSet's refused pod is its FailedCreate Event").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500)).until(() -> kubectl.ok("get", "events", "-n", "vap-ops",
            "--field-selector=reason=FailedCreate", "-o", "jsonpath={.items[*].message}").out()
            .contains("ValidatingAdmissionPolicy 'team-label' with binding 'team-label' denied request: pods need a"
                + " team label"));
    assertEquals("", kubectl.ok("get", "pods", "-n", "vap-ops", "-o", "name").out());
  }

  private static String deployment(int replicas) {
    String name = switch (replicas) {
      case 3 -> "three";
      case 4 -> "four";
      default -> "six";
    };
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s}
        spec:
          replicas: %d
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers: [{name: c, image: nginx}]
        """.formatted(name, replicas, name, name);
  }
}
