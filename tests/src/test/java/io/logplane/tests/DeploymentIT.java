package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Deployment and ReplicaSet controllers against a real server and the real kubectl: a
 * Deployment makes a ReplicaSet and its pods with Kubernetes' owner references and labels,
 * {@code kubectl scale} changes the pod count, and {@code kubectl set image}, {@code rollout
 * history|undo|pause|resume|status} read and make revisions. No node runs pods here: they stay
 * Pending, so no rollout completes.
 */
class DeploymentIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

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
  void aDeploymentMakesAReplicaSetAndPodsThatKubectlScales() throws Exception {
    apply("dep1", 3);
    waitFor(() -> pods("dep1").size() == 3);
    List<JsonNode> sets = items("rs", "dep1");
    assertEquals(1, sets.size());
    JsonNode rs = sets.get(0);
    String hash = rs.at("/metadata/labels/pod-template-hash").asText();
    assertEquals("web-" + hash, rs.at("/metadata/name").asText());
    assertEquals(hash, rs.at("/spec/selector/matchLabels/pod-template-hash").asText());
    JsonNode d = Api.JSON.readTree(kubectl.ok("get", "deploy", "web", "-n", "dep1", "-o", "json").out());
    assertOwnedBy(rs, "Deployment", d);
    assertEquals("1", rs.at("/metadata/annotations/deployment.kubernetes.io~1revision").asText());
    waitFor(() -> jsonpath("deploy", "dep1", "{.metadata.annotations.deployment\\.kubernetes\\.io/revision}")
        .equals("1"));
    for (JsonNode pod : pods("dep1")) {
      assertTrue(pod.at("/metadata/name").asText().startsWith("web-" + hash + "-"), pod.toString());
      assertEquals("web", pod.at("/metadata/labels/app").asText());
      assertEquals(hash, pod.at("/metadata/labels/pod-template-hash").asText());
      assertOwnedBy(pod, "ReplicaSet", rs);
      assertEquals("Pending", pod.at("/status/phase").asText());
    }
    waitFor(() -> jsonpath("deploy", "dep1", "{.status.replicas}/{.status.updatedReplicas}/"
        + "{.status.unavailableReplicas}/{.status.observedGeneration}").equals("3/3/3/1"));

    kubectl.ok("scale", "deploy/web", "-n", "dep1", "--replicas=5");
    waitFor(() -> pods("dep1").size() == 5);
    kubectl.ok("scale", "deploy/web", "-n", "dep1", "--replicas=1");
    waitFor(() -> pods("dep1").size() == 1);
    assertEquals(1, items("rs", "dep1").size());
  }

  @Test
  void setImageMakesRevisionsThatRolloutHistoryListsAndUndoRestores() throws Exception {
    apply("dep2", 2);
    waitFor(() -> pods("dep2").size() == 2);
    kubectl.ok("set", "image", "deploy/web", "web=nginx:1.26", "-n", "dep2");
    waitFor(() -> items("rs", "dep2").size() == 2);
    waitFor(() -> revisions("dep2").equals(List.of("1", "2")));
    // 25% of 2: a surge of one new pod; no old pod may go while none is available.
    waitFor(() -> pods("dep2").size() == 3);
    waitFor(() -> kubectl.ok("rollout", "status", "deploy/web", "-n", "dep2", "--watch=false").out()
        .equals("Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...\n"));

    String undo = kubectl.ok("rollout", "undo", "deploy/web", "-n", "dep2").out();
    assertTrue(undo.contains("deployment.apps/web rolled back"), undo);
    waitFor(() -> revisions("dep2").equals(List.of("2", "3")));
    assertEquals(2, items("rs", "dep2").size(), "undo made no new ReplicaSet");
    assertEquals("nginx:1.25", jsonpath("deploy", "dep2", "{.spec.template.spec.containers[0].image}"));

    kubectl.ok("rollout", "pause", "deploy/web", "-n", "dep2");
    kubectl.ok("set", "image", "deploy/web", "web=nginx:1.27", "-n", "dep2");
    kubectl.ok("scale", "deploy/web", "-n", "dep2", "--replicas=3");
    waitFor(() -> jsonpath("deploy", "dep2", "{.status.conditions[?(@.type==\"Progressing\")].reason}")
        .equals("DeploymentPaused"));
    assertEquals(2, items("rs", "dep2").size(), "no rollout while paused");
    kubectl.ok("rollout", "resume", "deploy/web", "-n", "dep2");
    waitFor(() -> revisions("dep2").equals(List.of("2", "3", "4")));
  }

  /** Waits for a condition; on a timeout, the Deployments, ReplicaSets and pods in the message. */
  private static void waitFor(java.util.concurrent.Callable<Boolean> condition) {
    try {
      await().atMost(WAIT).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\n" + kubectl.run("get", "deploy,rs,pods", "-A", "-o", "yaml").all(), e);
    }
  }

  private static void apply(String ns, int replicas) throws Exception {
    Path file = Files.writeString(dir.resolve(ns + ".yaml"), """
        apiVersion: v1
        kind: Namespace
        metadata: {name: NS}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: NS}
        spec:
          replicas: REPLICAS
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "nginx:1.25"}]
        """.replace("NS", ns).replace("REPLICAS", Integer.toString(replicas)));
    kubectl.ok("apply", "-f", file.toString());
  }

  /** The revisions {@code kubectl rollout history} lists. */
  private static List<String> revisions(String ns) {
    String out = kubectl.ok("rollout", "history", "deploy/web", "-n", ns).out();
    List<String> revisions = new ArrayList<>();
    Pattern.compile("(?m)^(\\d+)\\s+<none>").matcher(out).results().forEach(m -> revisions.add(m.group(1)));
    return revisions;
  }

  private static void assertOwnedBy(JsonNode o, String kind, JsonNode owner) {
    JsonNode refs = o.at("/metadata/ownerReferences");
    assertEquals(1, refs.size(), o.toString());
    JsonNode ref = refs.get(0);
    assertEquals(kind, ref.path("kind").asText());
    assertEquals(owner.at("/metadata/name").asText(), ref.path("name").asText());
    assertEquals(owner.at("/metadata/uid").asText(), ref.path("uid").asText());
    assertTrue(ref.path("controller").asBoolean() && ref.path("blockOwnerDeletion").asBoolean(), ref.toString());
  }

  /** The pods not being deleted. */
  private static List<JsonNode> pods(String ns) throws Exception {
    return items("pods", ns).stream().filter(p -> p.at("/metadata/deletionTimestamp").isMissingNode()).toList();
  }

  private static List<JsonNode> items(String resource, String ns) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    Api.JSON.readTree(kubectl.ok("get", resource, "-n", ns, "-o", "json").out()).path("items").forEach(items::add);
    return items;
  }

  private static String jsonpath(String resource, String ns, String path) {
    return kubectl.ok("get", resource, "web", "-n", ns, "-o", "jsonpath=" + path).out();
  }
}
