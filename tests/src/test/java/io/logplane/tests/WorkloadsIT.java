package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session, end to end, as {@code logplane up --hollow-nodes 3} runs it, through the
 * real kubectl: a Deployment rolls out (the scheduler binds its pods, the hollow nodes run them),
 * a new image rolls out and is undone, the pods' Events tell the story, a Service gets its
 * endpoints, and the scheduler and the controllers hold their Leases.
 */
class WorkloadsIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.withHollowNodes(dir, 3);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aDeploymentRollsOutRollsOnAndRollsBack() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("app.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "nginx:1.25", ports: [{name: http, containerPort: 80}],
                            resources: {requests: {cpu: 100m, memory: 64Mi}}}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default}
        spec:
          selector: {app: web}
          ports: [{port: 8080, targetPort: http}]
        """));
    assertTrue(kubectl.ok("rollout", "status", "deploy/web", "--timeout=120s").out()
        .contains("deployment \"web\" successfully rolled out"));
    JsonNode pods = kubectl.json("get", "pods", "-l", "app=web");
    assertEquals(3, pods.path("items").size());
    Set<String> nodes = new HashSet<>();
    for (JsonNode p : pods.path("items")) {
      assertEquals("Running", p.at("/status/phase").asText(), p.toString());
      nodes.add(p.at("/spec/nodeName").asText());
    }
    assertEquals(3, nodes.size(), "spread over the three nodes: " + nodes);
    String describe = kubectl.ok("describe", "pod", pods.at("/items/0/metadata/name").asText()).out();
    assertTrue(describe.matches("(?s).*Events:.*Scheduled.*default-scheduler.*Successfully assigned.*Started.*"),
        describe);
    await().atMost(Duration.ofSeconds(60)).until(() ->
        kubectl.json("get", "endpoints", "web").at("/subsets/0/addresses").size() == 3);
    assertEquals(80, kubectl.json("get", "endpoints", "web").at("/subsets/0/ports/0/port").asInt());

    kubectl.ok("set", "image", "deploy/web", "web=nginx:1.26");
    kubectl.ok("rollout", "status", "deploy/web", "--timeout=120s");
    await().atMost(Duration.ofSeconds(60)).until(() -> images().equals(Set.of("nginx:1.26")));
    assertTrue(kubectl.ok("rollout", "history", "deploy/web").out().matches("(?s).*\\n1 .*\\n2 .*"));
    kubectl.ok("rollout", "undo", "deploy/web");
    kubectl.ok("rollout", "status", "deploy/web", "--timeout=120s");
    await().atMost(Duration.ofSeconds(60)).until(() -> images().equals(Set.of("nginx:1.25")));
    assertEquals(2, kubectl.json("get", "rs", "-l", "app=web").path("items").size(), "the undo reused the first ReplicaSet");

    kubectl.ok("scale", "deploy/web", "--replicas=5");
    kubectl.ok("rollout", "status", "deploy/web", "--timeout=120s");
    assertEquals(5, kubectl.json("get", "deploy", "web").at("/status/readyReplicas").asInt());
  }

  @Test
  void aForegroundDeleteWaitsForThePodsToStopOnTheirNodes() throws Exception {
    kubectl.ok("create", "deployment", "fg", "--image=nginx", "--replicas=2");
    kubectl.ok("rollout", "status", "deploy/fg", "--timeout=120s");
    kubectl.ok("delete", "deploy", "fg", "--cascade=foreground", "--timeout=90s");
    assertEquals(0, kubectl.json("get", "rs", "-l", "app=fg").path("items").size());
    assertEquals(0, kubectl.json("get", "pods", "-l", "app=fg").path("items").size());
  }

  @Test
  void theSchedulerAndTheControllersHoldTheirLeasesAndNamespacesGetAnAccount() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      String leases = kubectl.ok("get", "leases", "-n", "kube-system").out();
      return leases.contains("kube-scheduler") && leases.contains("kube-controller-manager");
    });
    kubectl.ok("create", "namespace", "team");
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "sa", "default", "-n", "team").exit() == 0);
  }

  @Test
  void aPodThatFitsNowhereSaysWhy() throws Exception {
    kubectl.ok("run", "huge", "--image=nginx", "--overrides",
        "{\"spec\":{\"containers\":[{\"name\":\"huge\",\"image\":\"nginx\",\"resources\":{\"requests\":{\"cpu\":\"64\"}}}]}}");
    await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.ok("describe", "pod", "huge").out()
        .matches("(?s).*FailedScheduling.*0/3 nodes are available: 3 Insufficient cpu.*"));
    assertEquals("Pending", kubectl.json("get", "pod", "huge").at("/status/phase").asText());
  }

  private static Set<String> images() throws Exception {
    Set<String> images = new HashSet<>();
    for (JsonNode p : kubectl.json("get", "pods", "-l", "app=web").path("items")) {
      if (!p.at("/metadata/deletionTimestamp").isMissingNode()) {
        continue;
      }
      images.add(p.at("/spec/containers/0/image").asText());
    }
    return images;
  }


}
