package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API Priority and Fairness's objects through kubectl, as a kube-apiserver 1.28.7 answers (the
 * tables, messages and conditions below were compared with one's): kube's mandatory and
 * suggested FlowSchemas and PriorityLevelConfigurations are there from the start, printed in
 * the order they match; invalid ones are refused in kube's words; a FlowSchema naming a missing
 * level is marked Dangling until the level exists; every request tells its FlowSchema and level
 * in kube's response headers, and v1beta3 is warned of as deprecated, as kube 1.28 warns.
 */
class FlowControlIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Api admin;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    admin = ClusterFixture.admin(cluster);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void kubesConfigurationIsServedAndPrintedAsKubePrintsIt() {
    // MISSINGPL is the Dangling condition, which the APF configuration controller writes after start ("?" until then)
    Kubectl.Result schemas = await().atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200)).until(() -> kubectl.ok("get", "flowschemas"),
            r -> r.out().lines().skip(1).noneMatch(l -> l.endsWith("?")));
    assertEquals("Warning: flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is deprecated in v1.29+, unavailable in"
        + " v1.32+\n", schemas.err());
    List<String> rows = schemas.out().lines().map(l -> l.replaceAll("\\s+\\d+[smh]\\s+", " AGE ")
        .replaceAll("\\s+", " ")).toList();
    assertEquals(List.of(
        "NAME PRIORITYLEVEL MATCHINGPRECEDENCE DISTINGUISHERMETHOD AGE MISSINGPL",
        "exempt exempt 1 <none> AGE False",
        "probes exempt 2 <none> AGE False",
        "system-leader-election leader-election 100 ByUser AGE False",
        "endpoint-controller workload-high 150 ByUser AGE False",
        "workload-leader-election leader-election 200 ByUser AGE False",
        "system-node-high node-high 400 ByUser AGE False",
        "system-nodes system 500 ByUser AGE False",
        "kube-controller-manager workload-high 800 ByNamespace AGE False",
        "kube-scheduler workload-high 800 ByNamespace AGE False",
        "kube-system-service-accounts workload-high 900 ByNamespace AGE False",
        "service-accounts workload-low 9000 ByUser AGE False",
        "global-default global-default 9900 ByUser AGE False",
        "catch-all catch-all 10000 ByUser AGE False"), rows);
    List<String> levels = kubectl.ok("get", "prioritylevelconfigurations").out().lines()
        .map(l -> l.replaceAll("\\s+\\d+[smh]$", " AGE").replaceAll("\\s+", " ")).toList();
    assertEquals(List.of(
        "NAME TYPE NOMINALCONCURRENCYSHARES QUEUES HANDSIZE QUEUELENGTHLIMIT AGE",
        "catch-all Limited 5 <none> <none> <none> AGE",
        "exempt Exempt <none> <none> <none> <none> AGE",
        "global-default Limited 20 128 6 50 AGE",
        "leader-election Limited 10 16 4 50 AGE",
        "node-high Limited 40 64 6 50 AGE",
        "system Limited 30 64 6 50 AGE",
        "workload-high Limited 40 128 6 50 AGE",
        "workload-low Limited 100 128 6 50 AGE"), levels);
  }

  @Test
  void invalidObjectsAreRefusedInKubesWords() throws Exception {
    Kubectl.Result refused = kubectl.run("apply", "-f", kubectl.manifest("bad.yaml", """
        apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
        kind: FlowSchema
        metadata: {name: bad}
        spec:
          priorityLevelConfiguration: {name: ""}
          rules:
          - subjects: [{kind: Robot}]
            resourceRules: [{verbs: ["get","*"], apiGroups: [], resources: ["pods"]}]
        ---
        apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
        kind: PriorityLevelConfiguration
        metadata: {name: badpl}
        spec: {type: Limited, limited: {nominalConcurrencyShares: -1, limitResponse: {type: Queue,
          queuing: {queues: 1, handSize: 2}}}}
        """));
    assertTrue(refused.err().contains("FlowSchema.flowcontrol.apiserver.k8s.io \"bad\" is invalid: ["
        + "spec.priorityLevelConfiguration.name: Required value: must reference a priority level, "
        + "spec.rules[0].subjects[0].kind: Unsupported value: \"Robot\": supported values: \"Group\", "
        + "\"ServiceAccount\", \"User\", spec.rules[0].resourceRules[0].verbs: Invalid value: []string{\"get\", "
        + "\"*\"}: if '*' is present, must not specify other verbs, spec.rules[0].resourceRules[0].apiGroups: "
        + "Required value: resource rules must supply at least one api group, "
        + "spec.rules[0].resourceRules[0].namespaces: Required value: resource rules that are not cluster scoped"
        + " must supply at least one namespace]"), refused.all());
    assertTrue(refused.err().contains("PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io \"badpl\" is "
        + "invalid: [spec.limited.nominalConcurrencyShares: Invalid value: -1: must be positive, "
        + "spec.limited.limitResponse.queuing.handSize: Invalid value: 2: should not be greater than queues (1)]"),
        refused.all());
  }

  @Test
  void aFlowSchemaNamingAMissingLevelIsDanglingUntilItExists() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("orphan.yaml", """
        apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
        kind: FlowSchema
        metadata: {name: orphan}
        spec:
          priorityLevelConfiguration: {name: nowhere}
          rules:
          - subjects: [{kind: Group, group: {name: devs}}]
            nonResourceRules: [{verbs: ["get"], nonResourceURLs: ["/healthz"]}]
        """));
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.ok("get", "flowschema", "orphan", "-o",
        "jsonpath={.status.conditions[0].message}").out().equals("This FlowSchema references the"
        + " PriorityLevelConfiguration object named \"nowhere\" but there is no such object"));
    assertTrue(kubectl.ok("get", "flowschema", "orphan").out().lines().skip(1).findFirst().orElseThrow()
        .endsWith("True"));
    kubectl.ok("create", "-f", kubectl.manifest("nowhere.yaml", """
        apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
        kind: PriorityLevelConfiguration
        metadata: {name: nowhere}
        spec: {type: Limited, limited: {nominalConcurrencyShares: 5, limitResponse: {type: Reject}}}
        """));
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.ok("get", "flowschema", "orphan", "-o",
        "jsonpath={.status.conditions[0].reason}").out().equals("Found"));
  }

  @Test
  void everyAnswerNamesItsFlowSchemaAndPriorityLevel() {
    String exempt = admin.get("/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas/exempt").json()
        .at("/metadata/uid").asText();
    String level = admin.get("/apis/flowcontrol.apiserver.k8s.io/v1beta3/prioritylevelconfigurations/exempt")
        .json().at("/metadata/uid").asText();
    var r = admin.get("/api/v1/namespaces/default/configmaps");
    assertEquals(exempt, r.headers().firstValue("X-Kubernetes-PF-FlowSchema-UID").orElse(""), "the admin is exempt");
    assertEquals(level, r.headers().firstValue("X-Kubernetes-PF-PriorityLevel-UID").orElse(""));
  }
}
