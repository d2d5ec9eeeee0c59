package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy kinds with the real kubectl: a quota refuses the pod over it with kube's message and
 * describe shows its usage; a LimitRange defaults a pod's resources; a PodDisruptionBudget makes
 * {@code kubectl drain} evict what it allows and refuse (429) the rest.
 */
class PolicyIT {

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
  void discoveryListsTheEvictionSubresource() {
    JsonNode resources = Api.of(cluster.kubeconfig()).get("/api/v1").json().path("resources");
    boolean listed = false;
    for (JsonNode r : resources) {
      listed |= r.path("name").asText().equals("pods/eviction") && r.path("group").asText().equals("policy")
          && r.path("version").asText().equals("v1") && r.path("kind").asText().equals("Eviction")
          && r.path("verbs").toString().equals("[\"create\"]");
    }
    assertTrue(listed, resources.toString());
  }

  @Test
  void quotaRefusesThePodOverItAndDescribeShowsUsage() {
    kubectl.ok("create", "namespace", "quota");
    kubectl.ok("create", "quota", "q", "--hard=pods=2,configmaps=5", "-n", "quota");
    kubectl.ok("run", "p1", "--image=nginx", "-n", "quota");
    kubectl.ok("run", "p2", "--image=nginx", "-n", "quota");
    Kubectl.Result third = kubectl.run("run", "p3", "--image=nginx", "-n", "quota");
    assertNotEquals(0, third.exit());
    assertTrue(third.err().contains("Error from server (Forbidden): pods \"p3\" is forbidden: exceeded quota: q,"
        + " requested: pods=1, used: pods=2, limited: pods=2"), third.all());
    String describe = kubectl.ok("describe", "quota", "q", "-n", "quota").out();
    assertTrue(Pattern.compile("(?m)^pods\\s+2\\s+2$").matcher(describe).find(), describe);
    kubectl.ok("delete", "pod", "p1", "-n", "quota", "--grace-period=0", "--force");
    kubectl.ok("run", "p3", "--image=nginx", "-n", "quota");
  }

  @Test
  void limitRangeDefaultsAPodsResources() throws Exception {
    kubectl.ok("create", "namespace", "limits");
    kubectl.ok("apply", "-f", file("lr.yaml", """
        apiVersion: v1
        kind: LimitRange
        metadata: {name: lr, namespace: limits}
        spec:
          limits:
          - type: Container
            default: {cpu: 500m, memory: 256Mi}
            defaultRequest: {cpu: 100m}
            max: {cpu: "1"}
        """));
    kubectl.ok("run", "web", "--image=nginx", "-n", "limits");
    assertEquals("{\"cpu\":\"500m\",\"memory\":\"256Mi\"}", kubectl.ok("get", "pod", "web", "-n", "limits",
        "-o", "jsonpath={.spec.containers[0].resources.limits}").out());
    Kubectl.Result big = kubectl.run("run", "big", "--image=nginx", "-n", "limits", "--overrides",
        "{\"spec\":{\"containers\":[{\"name\":\"big\",\"image\":\"nginx\",\"resources\":{\"limits\":{\"cpu\":\"2\"}}}]}}");
    assertTrue(big.err().contains("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2"),
        big.all());
  }

  @Test
  void aBudgetLetsDrainEvictWhatItAllowsAndRefusesTheRest() throws Exception {
    kubectl.ok("create", "namespace", "drain");
    kubectl.ok("apply", "-f", file("node.yaml", """
        apiVersion: v1
        kind: Node
        metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
        """));
    for (String p : new String[] {"a", "b"}) {
      kubectl.ok("apply", "-f", file(p + ".yaml", """
          apiVersion: v1
          kind: Pod
          metadata: {name: %s, namespace: drain, labels: {app: web}}
          spec: {nodeName: n1, containers: [{name: c, image: nginx}]}
          """.formatted(p)));
      kubectl.ok("patch", "pod", p, "-n", "drain", "--subresource=status", "--type=merge", "-p",
          "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
    }
    kubectl.ok("create", "pdb", "web", "-n", "drain", "--selector=app=web", "--min-available=2");
    await().atMost(Duration.ofSeconds(30)).until(() -> "2".equals(kubectl.ok("get", "pdb", "web", "-n", "drain",
        "-o", "jsonpath={.status.currentHealthy}").out()));
    Kubectl.Result blocked = kubectl.run("drain", "n1", "--force", "--grace-period=0", "--timeout=7s");
    assertNotEquals(0, blocked.exit());
    assertTrue(blocked.all().contains("Cannot evict pod as it would violate the pod's disruption budget."),
        blocked.all());
    assertEquals("a b", kubectl.ok("get", "pods", "-n", "drain", "-o", "jsonpath={.items[*].metadata.name}").out());
    Api api = Api.of(cluster.kubeconfig());
    Response refused = api.send("POST", "/api/v1/namespaces/drain/pods/a/eviction", "application/json",
        "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"a\",\"namespace\":\"drain\"}}");
    assertEquals(429, refused.code(), refused.json().toString());
    assertEquals("TooManyRequests", refused.json().path("reason").asText());
    assertEquals("DisruptionBudget", refused.json().at("/details/causes/0/reason").asText());
    assertEquals("The disruption budget web needs 2 healthy pods and has 2 currently",
        refused.json().at("/details/causes/0/message").asText());

    kubectl.ok("patch", "pdb", "web", "-n", "drain", "--type=merge", "-p", "{\"spec\":{\"minAvailable\":1}}");
    await().atMost(Duration.ofSeconds(30)).until(() -> "1".equals(kubectl.ok("get", "pdb", "web", "-n", "drain",
        "-o", "jsonpath={.status.disruptionsAllowed}").out()));
    Kubectl.Result partly = kubectl.run("drain", "n1", "--force", "--grace-period=0", "--timeout=7s");
    assertTrue(partly.all().contains("evicted"), partly.all());
    assertEquals(1, kubectl.ok("get", "pods", "-n", "drain", "-o", "name").out().strip().lines().count());

    kubectl.ok("delete", "pdb", "web", "-n", "drain");
    String drained = kubectl.ok("drain", "n1", "--force", "--grace-period=0", "--timeout=30s").all();
    assertTrue(drained.contains("node/n1 drained"), drained);
    assertEquals("", kubectl.ok("get", "pods", "-n", "drain", "-o", "name").out().strip());
  }

  private static String file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text).toString();
  }
}
