package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's autoscaling session through the real kubectl, on hollow nodes that report the usage
 * their pods' annotation sets: {@code kubectl top nodes|pods} print figures, and an HPA as
 * {@code kubectl autoscale} makes it scales a busy Deployment up, then, once its pods idle, down after the
 * (shortened) stabilization window.
 */
class AutoscalingIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.withHollowNodes(dir, 2);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void topShowsWhatTheNodesReportAndAnHpaScalesUpThenDown() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("busy.yaml", deployment("cpu=250m,memory=100Mi")));
    kubectl.ok("rollout", "status", "deploy/busy", "--timeout=120s");

    await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.run("top", "pods").out().contains("busy-"));
    String pods = kubectl.ok("top", "pods").out();
    assertTrue(pods.matches("(?s)NAME +CPU\\(cores\\) +MEMORY\\(bytes\\) *\\nbusy-\\S+ +250m +100Mi *\\n"), pods);
    assertTrue(kubectl.ok("top", "pods", "-A", "--containers").out()
        .matches("(?s)NAMESPACE +POD +NAME +CPU\\(cores\\) +MEMORY\\(bytes\\) *\\ndefault +busy-\\S+ +app +250m +100Mi.*"));
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("top", "nodes").exit() == 0);
    String nodes = kubectl.ok("top", "nodes").out();
    assertTrue(nodes.matches("(?s)NAME +CPU\\(cores\\) +CPU\\(?%\\)? +MEMORY\\(bytes\\) +MEMORY\\(?%\\)? *\\n"
        + "\\S+ +\\d+m +\\d+% +\\d+Mi +\\d+% *\\n\\S+ +\\d+m +\\d+% +\\d+Mi +\\d+% *\\n"), nodes);
    assertTrue(nodes.contains("350m"), "one node runs the pod: its base and the pod's usage\n" + nodes);

    // What `kubectl autoscale deploy/busy --cpu-percent=50 --min=1 --max=5` creates; kubectl 1.32
    // posts it as autoscaling/v1, a version the API does not serve yet.
    kubectl.ok("apply", "-f", kubectl.manifest("hpa.yaml", """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: busy, namespace: default}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: busy}
          minReplicas: 1
          maxReplicas: 5
          metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]
        """));
    // 250m of a 100m request is 250 %, five times the target: to 4 (twice, at least 4, a pass), then 5.
    await().atMost(Duration.ofSeconds(90)).until(() -> kubectl.json("get", "deploy", "busy").at("/spec/replicas").asInt() == 5);
    await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.ok("get", "hpa", "busy").out()
        .matches("(?s).*busy +Deployment/busy +(cpu: )?250%/50% +1 +5 +5 .*"));
    String described = kubectl.ok("describe", "hpa", "busy").out();
    assertTrue(described.contains("New size: 5; reason: cpu resource utilization (percentage of request) above target"),
        described);
    JsonNode hpa = kubectl.json("get", "hpa", "busy");
    assertEquals("True", condition(hpa, "AbleToScale").path("status").asText(), hpa.toString());
    assertEquals("ValidMetricFound", condition(hpa, "ScalingActive").path("reason").asText(), hpa.toString());
    assertTrue(hpa.at("/status/lastScaleTime").isTextual(), hpa.toString());

    kubectl.ok("patch", "hpa", "busy", "--type=merge", "-p",
        "{\"spec\":{\"behavior\":{\"scaleDown\":{\"stabilizationWindowSeconds\":10}}}}");
    kubectl.ok("patch", "deploy", "busy", "--type=merge", "-p",
        "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"hollow.logplane.io/usage\":\"cpu=10m,memory=50Mi\"}}}}}");
    // 10m of 100m is 10 %: five pods' worth of work fits in one.
    await().atMost(Duration.ofSeconds(180)).until(() -> kubectl.json("get", "deploy", "busy").at("/spec/replicas").asInt() == 1);
    assertTrue(kubectl.ok("describe", "hpa", "busy").out().contains("New size: 1; reason: All metrics below target"));
  }

  private static JsonNode condition(JsonNode hpa, String type) {
    for (JsonNode c : hpa.at("/status/conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c;
      }
    }
    return Api.JSON.createObjectNode();
  }

  private static String deployment(String usage) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: busy, namespace: default}
        spec:
          replicas: 1
          selector: {matchLabels: {app: busy}}
          template:
            metadata:
              labels: {app: busy}
              annotations: {hollow.logplane.io/usage: "%s"}
            spec:
              containers: [{name: app, image: "busy:1", resources: {requests: {cpu: 100m, memory: 64Mi}}}]
        """.formatted(usage);
  }


}
